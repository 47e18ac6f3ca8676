/** A staff account as the inbox checks an assignee. */
export interface StaffMember {
  role: string;
  /** The languages a mediator works in. */
  languages: readonly string[];
  disabled: boolean;
}

/** Staff accounts, read-only: `main.ts` reads them from identity. */
export interface InboxStaff {
  find(userId: string): Promise<StaffMember | undefined>;
}

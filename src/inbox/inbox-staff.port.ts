/** A staff account as the inbox checks an assignee. */
export interface StaffMember {
  role: string;
  /** The languages a mediator works in. */
  languages: readonly string[];
  disabled: boolean;
}

/** An enabled admin or mediator, as the inbox e-mails them about citizens waiting. */
export interface AlertableStaff {
  id: string;
  email: string;
  role: string;
  languages: readonly string[];
}

/** Staff accounts, read-only: `main.ts` reads them from identity. */
export interface InboxStaff {
  find(userId: string): Promise<StaffMember | undefined>;
  /** Enabled admins and mediators who receive e-mail alerts. */
  alertable(): Promise<AlertableStaff[]>;
}

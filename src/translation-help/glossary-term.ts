/** An administrative term of the source language and its approved rendering in one community language. */
export interface GlossaryTerm {
  id: string;
  lang: string;
  /** As written in the source notices (Italian), e.g. `permesso di soggiorno`. */
  term: string;
  rendering: string;
  /** For mediators: usage, what not to write instead. */
  note?: string;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
}

export interface GlossaryTermInput {
  term: string;
  rendering: string;
  note?: string | undefined;
}

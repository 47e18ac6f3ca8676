/**
 * A text mediators send again and again (which documents a permit renewal needs, the office hours), kept in
 * the citizens' language and inserted into an answer, where the mediator can still change it before sending.
 * Staff's own text: no citizen's data is ever part of it.
 */
export interface SavedReply {
  id: string;
  language: string;
  /** What staff call it, in Italian: unique within a language. */
  title: string;
  text: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export type SavedReplyInput = Pick<SavedReply, 'language' | 'title' | 'text'>;

import { DomainError } from '../../platform/errors.js';

export class SavedReplyNotFound extends DomainError {
  readonly code = 'inbox.saved_reply_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no saved reply ${id}`);
  }
}

/** Two saved replies with one title in one language could not be told apart when a mediator picks one. */
export class SavedReplyExists extends DomainError {
  readonly code = 'inbox.saved_reply_exists';
  readonly kind = 'conflict';
  constructor(language: string) {
    const message = `a saved reply with this title already exists in ${language}`;
    super(`title: ${message}`);
    this.fields.push({ field: 'title', message });
  }
}

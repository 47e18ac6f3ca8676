import { DomainError } from '../platform/errors.js';

export class ConversationNotFound extends DomainError {
  readonly code = 'inbox.conversation_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no conversation ${id}`);
  }
}

export class ContactNotFound extends DomainError {
  readonly code = 'inbox.contact_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no contact ${id}`);
  }
}

/** A mediator asked for a queue or a conversation in a language that is not one of theirs. */
export class LanguageNotYours extends DomainError {
  readonly code = 'inbox.language_not_yours';
  readonly kind = 'forbidden';
  constructor(language: string) {
    super(`the language ${language} is not one of yours`);
  }
}

export class AssignmentNotAllowed extends DomainError {
  readonly code = 'inbox.assignment_not_allowed';
  readonly kind = 'forbidden';
  constructor() {
    super('a mediator can assign a conversation only to themselves');
  }
}

/** An admin named someone who cannot work the conversation: unknown, disabled, or not of its language. */
export class AssigneeNotEligible extends DomainError {
  readonly code = 'inbox.assignee_not_eligible';
  readonly kind = 'invalid';
  constructor(reason: string) {
    super(`assigneeId: ${reason}`);
    this.fields.push({ field: 'assigneeId', message: reason });
  }
}

export class ContactOptedOut extends DomainError {
  readonly code = 'inbox.contact_opted_out';
  readonly kind = 'conflict';
  constructor() {
    super('the citizen wrote STOP: nothing is sent to them until they write START');
  }
}

/** The citizen wrote only in a group: the notices go to a direct chat, which they have not opened with us. */
export class SubscriptionNeedsDirectChat extends DomainError {
  readonly code = 'inbox.subscription_needs_direct_chat';
  readonly kind = 'conflict';
  constructor() {
    super('the citizen has written only in a group: the notices can go only to a direct chat they opened with us');
  }
}

export class ConversationClosed extends DomainError {
  readonly code = 'inbox.conversation_closed';
  readonly kind = 'conflict';
  constructor() {
    super('the conversation is closed: reopen it first');
  }
}

export class OutboundNotFailed extends DomainError {
  readonly code = 'inbox.outbound_not_failed';
  readonly kind = 'conflict';
  constructor(id: string) {
    super(`message ${id} of this conversation is not failed: only failed messages are sent again`);
  }
}

export class CitizenTranslationOff extends DomainError {
  readonly code = 'inbox.translation_off';
  readonly kind = 'unavailable';
  constructor() {
    super('the town has not turned on machine translation of citizens\' messages (TRANSLATE_CITIZEN_MESSAGES)');
  }
}

export class MessageNotFound extends DomainError {
  readonly code = 'inbox.message_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no message ${id} in this conversation`);
  }
}

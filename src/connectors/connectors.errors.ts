import { DomainError } from '../platform/errors.js';

export class UnknownAccount extends DomainError {
  readonly code = 'connectors.unknown_account';
  readonly kind = 'not-found';
  constructor(accountId: string) {
    super(`no simulated account ${accountId}`);
  }
}

export class ChatAlreadyExists extends DomainError {
  readonly code = 'connectors.chat_exists';
  readonly kind = 'conflict';
  constructor() {
    super('the account is already in a chat with this id');
  }
}

export class UnknownChat extends DomainError {
  readonly code = 'connectors.unknown_chat';
  readonly kind = 'not-found';
  constructor() {
    // The chat id is personal data (a phone number on WhatsApp): the message must not repeat it.
    super('the account has no such chat');
  }
}

export class ConnectorNotReady extends DomainError {
  readonly code = 'connectors.not_ready';
  readonly kind = 'unavailable';
  constructor(accountId: string, status: string) {
    super(`account ${accountId} is not connected (${status})`);
  }
}

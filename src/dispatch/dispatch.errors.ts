import { DomainError } from '../platform/errors.js';

export class GroupNotFound extends DomainError {
  readonly code = 'dispatch.group_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no group ${id}`);
  }
}

export class GroupAlreadyRegistered extends DomainError {
  readonly code = 'dispatch.group_exists';
  readonly kind = 'conflict';
  constructor(account: string, chatId: string) {
    super(`chat ${chatId} of account ${account} is already a registered group`);
  }
}

export class UnknownAccount extends DomainError {
  readonly code = 'dispatch.unknown_account';
  readonly kind = 'not-found';
  constructor(account: string) {
    super(`no channel account ${account}`);
  }
}

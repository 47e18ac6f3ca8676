import { DomainError } from '../platform/errors.js';

/** Wrong e-mail or password, or a disabled account: one error for all, so it reveals nothing about which. */
export class InvalidCredentials extends DomainError {
  readonly code = 'auth.invalid_credentials';
  readonly kind = 'unauthenticated';
  constructor() {
    super('wrong e-mail or password');
  }
}

/** Changing one's own password: the current one, typed again, is wrong (a 400 naming the field, not a sign-out). */
export class CurrentPasswordWrong extends DomainError {
  readonly code = 'auth.current_password_wrong';
  readonly kind = 'invalid';
  constructor() {
    super('currentPassword: not your current password');
    this.fields.push({ field: 'currentPassword', message: 'not your current password' });
  }
}

export class PasswordUnchanged extends DomainError {
  readonly code = 'auth.password_unchanged';
  readonly kind = 'invalid';
  constructor() {
    super('newPassword: is your current password');
    this.fields.push({ field: 'newPassword', message: 'is your current password' });
  }
}

export class TooManyLoginAttempts extends DomainError {
  readonly code = 'auth.too_many_attempts';
  readonly kind = 'too-many';
  constructor(retryAfterSeconds: number) {
    super('too many failed sign-ins; try again later');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class UserNotFound extends DomainError {
  readonly code = 'user.not_found';
  readonly kind = 'not-found';
  constructor() {
    super('no such user');
  }
}

export class EmailTaken extends DomainError {
  readonly code = 'user.email_taken';
  readonly kind = 'conflict';
  constructor() {
    super('a user with this e-mail already exists');
  }
}

/** An admin demoting or disabling themselves could leave the service with nobody able to administer it. */
export class SelfLockout extends DomainError {
  readonly code = 'user.self_lockout';
  readonly kind = 'conflict';
  constructor() {
    super('you cannot change your own role or disable yourself; ask another admin');
  }
}

export class MediatorWithoutLanguages extends DomainError {
  readonly code = 'user.languages_required';
  readonly kind = 'invalid';
  constructor() {
    super('a mediator needs at least one language');
    this.fields.push({ field: 'languages', message: 'a mediator needs at least one language' });
  }
}

export class TokenNotFound extends DomainError {
  readonly code = 'token.not_found';
  readonly kind = 'not-found';
  constructor() {
    super('no such API token');
  }
}

import { DomainError } from '../platform/errors.js';

export class TemplateNotFound extends DomainError {
  readonly code = 'template.not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no template ${id} in the content library`);
  }
}

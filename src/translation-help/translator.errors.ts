import { DomainError } from '../platform/errors.js';

/** Why an engine gave no draft: each is an answer its documented API gives (or no answer at all). */
export type TranslatorFailure = 'request_refused' | 'key_refused' | 'rate_limited' | 'quota_exceeded' | 'server_error' | 'unreachable' | 'bad_answer';

export class TranslatorFailed extends DomainError {
  readonly code = 'translation.translator_failed';
  readonly kind;
  constructor(readonly engine: string, readonly reason: TranslatorFailure, detail: string, retryAfterSeconds?: number) {
    super(`${engine} gave no draft (${reason}): ${detail}`);
    this.kind = reason === 'rate_limited' ? ('too-many' as const) : ('unavailable' as const);
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class NoTranslatorConfigured extends DomainError {
  readonly code = 'translation.no_translator';
  readonly kind = 'unavailable';
  constructor() {
    super('no machine translation is configured (LIBRETRANSLATE_URL or DEEPL_API_KEY): write the translation, or start from the memory');
  }
}

import { DomainError } from '../platform/errors.js';

export class GlossaryTermNotFound extends DomainError {
  readonly code = 'glossary.term_not_found';
  readonly kind = 'not-found';
  constructor(id: string) {
    super(`no glossary term ${id}`);
  }
}

/** One term, one rendering per language: two would leave the approver's warning ambiguous. */
export class GlossaryTermExists extends DomainError {
  readonly code = 'glossary.term_exists';
  readonly kind = 'conflict';
  constructor(lang: string) {
    const message = `this term already has a rendering in ${lang}: change that one`;
    super(`term: ${message}`);
    this.fields.push({ field: 'term', message });
  }
}

/** The announcement is written in the language asked for: there is nothing to translate into it. */
export class NothingToTranslate extends DomainError {
  readonly code = 'translation.source_language';
  readonly kind = 'conflict';
  constructor(lang: string) {
    super(`${lang} is the notice's source language`);
  }
}

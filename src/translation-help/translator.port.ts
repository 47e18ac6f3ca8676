/**
 * A machine translation engine. Adapters: `libretranslate.adapter.ts` (the town's own server: nothing leaves
 * it) and `deepl.adapter.ts` (DeepL's API, a third party). Both are off unless configured; what they produce
 * is only ever a draft that a mediator reviews sentence by sentence.
 */
export interface Translator {
  /** Shown beside every draft it made. */
  readonly engine: 'libretranslate' | 'deepl';
  /**
   * Each text translated, in the same order; `from` and `to` are Sportello's BCP 47 tags (`from` may be
   * `auto`: the engine detects it).
   * Throws `TranslatorFailed` naming why (key refused, rate limited, quota exceeded, unreachable, …).
   */
  translate(texts: readonly string[], from: string, to: string): Promise<string[]>;
}

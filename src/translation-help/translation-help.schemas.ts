import { z } from 'zod';
import { LanguageCode } from '../languages/index.js';

/** Request shapes of translation help. Every object is strict: an unknown field is an error naming it. */

const Version = z.number().int().positive();
const SegmentKey = z.string().regex(/^(t|b\d{1,4}\.\d{1,3})$/, 'is not a sentence key (t, b0.0, b3.1, …)');
const SegmentText = z.string().max(4000);

export const SegmentsBody = z.strictObject({
  /** One entry per source sentence (its `key` from the suggestions); an empty text leaves that sentence out. */
  segments: z
    .array(
      z.strictObject({
        key: SegmentKey,
        text: SegmentText,
        /** The mediator read this machine-made sentence and it is right as it is. */
        confirmed: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
  version: Version.optional(),
});

/** The text being written, sentence by sentence, to check against the glossary; nothing is saved. */
export const GlossaryCheckBody = z.strictObject({ segments: z.array(z.strictObject({ key: SegmentKey, text: SegmentText })).max(500) });

export const GlossaryQuery = z.strictObject({ lang: LanguageCode.optional() });
export const GlossaryParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, 'is not a glossary term id') });

const TermFields = {
  term: z.string().trim().min(1).max(120),
  rendering: z.string().trim().min(1).max(200),
  note: z.string().trim().max(500).optional(),
};
export const GlossaryTermBody = z.strictObject(TermFields);
export const NewGlossaryTermBody = z.strictObject({ lang: LanguageCode, ...TermFields });

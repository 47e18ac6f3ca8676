import { expect } from 'chai';
import { missingRenderings, termsUsedIn } from '../../../src/translation-help/glossary-check.js';
import type { GlossaryTerm } from '../../../src/translation-help/glossary-term.js';

const term = (t: string, rendering: string, lang = 'zh-Hans'): GlossaryTerm => ({ id: t, lang, term: t, rendering, createdBy: 's', updatedBy: 's', updatedAt: new Date(0) });
const zh = [term('permesso di soggiorno', '居留许可'), term('questura', '警察局'), term('codice fiscale', '税号')];

describe('glossary check', () => {
  it('finds terms as whole words, whatever the case and spacing', () => {
    expect(termsUsedIn('Vai in Questura con il permesso  di soggiorno.', zh).map((t) => t.term)).to.deep.equal(['permesso di soggiorno', 'questura']);
    expect(termsUsedIn('Il questurino non è un termine.', zh)).to.deep.equal([]);
  });

  it('a term whose rendering the translation lacks: one warning naming the term and the expected rendering', () => {
    expect(missingRenderings('Vai in Questura con il permesso di soggiorno.', '请携带居留许可前往警署。', zh, 'zh-Hans')).to.deep.equal([
      { code: 'glossary.term_missing', term: 'questura', expected: '警察局' },
    ]);
  });

  it('Arabic: a rendering found inside a word with a prefix, or one of its | alternatives', () => {
    const ar = [term('permesso di soggiorno', 'تصريح الإقامة|تصريح إقامة', 'ar')];

    expect(missingRenderings('Rinnova il permesso di soggiorno.', 'جدّدوا وتصريح الإقامة.', ar, 'ar')).to.deep.equal([]);
    expect(missingRenderings('Rinnova il permesso di soggiorno.', 'لديكم تصريح إقامة.', ar, 'ar')).to.deep.equal([]);
    expect(missingRenderings('Rinnova il permesso di soggiorno.', 'جدّدوا الوثيقة.', ar, 'ar')).to.have.length(1);
  });

  it('Russian: a rendering in an inflected form satisfies its term; a text without it warns naming the term', () => {
    const ru = [term('permesso di soggiorno', 'вид на жительство|permesso di soggiorno', 'ru'), term('questura', 'квестура|Questura', 'ru')];
    const source = 'Per il rinnovo del permesso di soggiorno andate in Questura.';

    expect(missingRenderings(source, 'Для продления вида на жительство идите в квестуру.', ru, 'ru')).to.deep.equal([]);
    expect(missingRenderings(source, 'Для продления документа идите в Questura.', ru, 'ru')).to.deep.equal([
      { code: 'glossary.term_missing', term: 'permesso di soggiorno', expected: 'вид на жительство|permesso di soggiorno' },
    ]);
  });
});

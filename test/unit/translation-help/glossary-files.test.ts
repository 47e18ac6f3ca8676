import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { listSupportedLanguages } from '../../../src/languages/index.js';
import { missingRenderings } from '../../../src/translation-help/glossary-check.js';
import { importGlossaryDirectory } from '../../../src/translation-help/glossary-import.js';
import type { GlossaryTerm, GlossaryTermInput } from '../../../src/translation-help/glossary-term.js';
import type { GlossaryRepository } from '../../../src/translation-help/glossary.repository.js';

const GLOSSARY_DIR = fileURLToPath(new URL('../../../content/glossary/', import.meta.url));

/** The shipped files, read by the loader the demo and `content:import` use (its zod schema included). */
async function shippedGlossaries(): Promise<Map<string, GlossaryTermInput[]>> {
  const loaded = new Map<string, GlossaryTermInput[]>();
  const repository = {
    addMissing: async (lang: string, terms: GlossaryTermInput[]) => {
      loaded.set(lang, terms);
      return terms.length;
    },
  } as unknown as GlossaryRepository;
  await importGlossaryDirectory(repository, GLOSSARY_DIR);
  return loaded;
}

const asTerms = (lang: string, inputs: readonly GlossaryTermInput[]): GlossaryTerm[] =>
  inputs.map((input) => ({ ...input, id: input.term, lang, createdBy: 'system', updatedBy: 'system', updatedAt: new Date(0) }));

describe('shipped glossaries (content/glossary)', () => {
  let glossaries: Map<string, GlossaryTermInput[]>;
  before(async () => {
    glossaries = await shippedGlossaries();
  });

  it('every file loads and lists the same Italian terms as English, each once', () => {
    const english = glossaries.get('en')!.map((t) => t.term).sort();

    expect(new Set(english).size).to.equal(15);
    for (const [lang, terms] of glossaries) expect(terms.map((t) => t.term).sort(), lang).to.deep.equal(english);
  });

  it('every town language of locales/ but Italian has a glossary', () => {
    const townLanguages = listSupportedLanguages().map((l) => l.code).filter((code) => code !== 'it');

    expect(townLanguages).to.include.members(['bn', 'fa', 'hi', 'pa', 'pt', 'ru', 'sq', 'ti', 'tl', 'uk', 'ur']);
    expect([...glossaries.keys()].sort()).to.deep.equal([...townLanguages].sort());
  });

  it('inflected forms of the shipped renderings raise no warning; a text without them warns', () => {
    const source = 'Per il rinnovo del permesso di soggiorno serve la tessera sanitaria.';
    const check = (lang: string, translation: string) => missingRenderings(source, translation, asTerms(lang, glossaries.get(lang)!), lang).map((w) => w.term);

    expect(check('ru', 'Для продления вида на жительство нужна медицинская карта.')).to.deep.equal([]);
    expect(check('uk', 'Для продовження посвідки на проживання потрібна медична картка.')).to.deep.equal([]);
    expect(check('sq', 'Për rinovimin e lejes së qëndrimit duhet karta shëndetësore.')).to.deep.equal([]);
    expect(check('ro', 'Pentru reînnoirea permisului de ședere e nevoie de cardul de sănătate.')).to.deep.equal([]);
    expect(check('pt', 'Para renovar a autorização de residência é preciso o cartão de saúde.')).to.deep.equal([]);
    expect(check('tl', 'Para sa renewal ng permesso, dalhin ang tessera sanitaria.')).to.deep.equal([]);
    expect(check('ru', 'Для продления документа нужна карта.')).to.deep.equal(['permesso di soggiorno', 'tessera sanitaria']);
  });
});

import { expect } from 'chai';
import { MemoryIndex, type MemoryUnit } from '../../../src/translation-help/memory-index.js';
import { memoryUnitsOf } from '../../../src/translation-help/translation-memory.js';
import { editAnnouncement } from '../../../src/announcements/announcement-edit.js';
import { buildAnnouncement } from '../../factories/domain-announcement.factory.js';

const approvedAt = new Date('2026-03-01T09:00:00Z');
const unit = (source: string, target: string, overrides: Partial<MemoryUnit> = {}): MemoryUnit => ({
  sourceLanguage: 'it',
  lang: 'zh-Hans',
  source,
  target,
  announcementId: 'a1',
  noticeTitle: 'Rinnovo del permesso',
  approvedAt,
  ...overrides,
});

describe('translation memory: exact and fuzzy matches', () => {
  const index = new MemoryIndex();
  index.replace('a1', [unit('Prenota un appuntamento allo Sportello Immigrazione.', '请在移民服务窗口预约。'), unit('Conserva la ricevuta della posta.', '请保存邮局的回执。')]);
  index.replace('a2', [unit('Prenota un appuntamento allo Sportello.', '请在窗口预约。', { announcementId: 'a2', noticeTitle: 'Orari' })]);

  it('the same sentence, whatever its case and spacing: score 1, with its notice and date', () => {
    const [best] = index.lookup('prenota  un appuntamento allo Sportello Immigrazione.', 'it', 'zh-Hans', { min: 0.8 });

    expect(best).to.deep.equal({ unit: unit('Prenota un appuntamento allo Sportello Immigrazione.', '请在移民服务窗口预约。'), score: 1 });
  });

  it('a sentence with a word changed: offered with its score (below 1, at least the minimum), best first', () => {
    const matches = index.lookup('Prenota un appuntamento allo Sportello Immigrazione!', 'it', 'zh-Hans', { min: 0.7 });

    expect(matches.map((m) => m.unit.target)).to.deep.equal(['请在移民服务窗口预约。', '请在窗口预约。']);
    expect(matches[0]!.score).to.be.within(0.95, 0.999);
    expect(matches[1]!.score).to.be.within(0.7, matches[0]!.score);
  });

  it('a sentence less similar than the minimum: nothing; another language: nothing', () => {
    expect(index.lookup('Conserva il passaporto.', 'it', 'zh-Hans', { min: 0.8 })).to.deep.equal([]);
    expect(index.lookup('Conserva la ricevuta della posta.', 'it', 'ar', { min: 0.8 })).to.deep.equal([]);
  });

  it('the notice being translated is not a suggestion for itself', () => {
    expect(index.lookup('Conserva la ricevuta della posta.', 'it', 'zh-Hans', { min: 0.8, excludeAnnouncement: 'a1' })).to.deep.equal([]);
  });

  it('10,000 sentences: the exact one and its near neighbours are found', () => {
    const big = new MemoryIndex();
    for (let n = 0; n < 10_000; n++) {
      big.replace(`n${n}`, [unit(`Il ${n}° avviso del Comune riguarda la pratica numero ${n * 7} presso lo sportello ${n % 13}.`, `第${n}号通知`, { announcementId: `n${n}` })]);
    }

    const matches = big.lookup('Il 4242° avviso del Comune riguarda la pratica numero 29694 presso lo sportello 4.', 'it', 'zh-Hans', { min: 0.8 });

    expect(big.size).to.equal(10_000);
    expect(matches[0]).to.deep.include({ score: 1 });
    expect(matches[0]!.unit.target).to.equal('第4242号通知');
    expect(matches.length).to.be.greaterThan(1);
  });
});

describe('translation memory: staleness', () => {
  const texts = {
    it: { title: 'Rinnovo del permesso', body: 'Prenota un appuntamento. Porta il passaporto.' },
    'zh-Hans': { title: '居留许可续签', body: '请预约。请携带护照。' },
  };

  it('an approved translation of the current source: its aligned sentences', () => {
    expect(memoryUnitsOf(buildAnnouncement({ texts })).map((u) => [u.source, u.target])).to.deep.equal([
      ['Rinnovo del permesso', '居留许可续签'],
      ['Prenota un appuntamento.', '请预约。'],
      ['Porta il passaporto.', '请携带护照。'],
    ]);
  });

  it('the source corrected after approval: the translation is stale and gives nothing, and the index drops what it had', () => {
    const announcement = buildAnnouncement({ texts });
    const index = new MemoryIndex();
    index.replace(announcement.id, memoryUnitsOf(announcement));

    const corrected = editAnnouncement(announcement, { body: 'Prenota un appuntamento. Porta il passaporto e due foto.' }, { by: 'editor', at: new Date('2026-03-03T09:00:00Z') });
    index.replace(corrected.id, memoryUnitsOf(corrected));

    expect(memoryUnitsOf(corrected)).to.deep.equal([]);
    expect(index.size).to.equal(0);
    expect(index.lookup('Prenota un appuntamento.', 'it', 'zh-Hans', { min: 0.8 })).to.deep.equal([]);
  });
});

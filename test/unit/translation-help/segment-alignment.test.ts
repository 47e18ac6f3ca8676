import { expect } from 'chai';
import { alignNotice } from '../../../src/translation-help/segment-alignment.js';

const source = {
  title: 'Rinnovo del permesso di soggiorno',
  body: 'Il permesso va rinnovato prima che scada. Presenta la domanda 60 giorni prima.\n\nConserva la ricevuta della posta.',
};

describe('aligning an approved translation with its source', () => {
  it('Chinese with as many lines and sentences: title with title, sentence with sentence', () => {
    const pairs = alignNotice(source, 'it', { title: '居留许可续签', body: '居留许可必须在到期前续签。请提前60天提交申请。\n\n请保存邮局的回执。' }, 'zh-Hans');

    expect(pairs).to.deep.equal([
      { source: 'Rinnovo del permesso di soggiorno', target: '居留许可续签' },
      { source: 'Il permesso va rinnovato prima che scada.', target: '居留许可必须在到期前续签。' },
      { source: 'Presenta la domanda 60 giorni prima.', target: '请提前60天提交申请。' },
      { source: 'Conserva la ricevuta della posta.', target: '请保存邮局的回执。' },
    ]);
  });

  it('Arabic whose translator joined two sentences into one: that line is one pair, the others stay sentence pairs', () => {
    const pairs = alignNotice(source, 'it', { title: 'تجديد تصريح الإقامة', body: 'يجب تجديد التصريح قبل انتهائه وتقديم الطلب قبل 60 يومًا.\n\nاحتفظوا بإيصال البريد.' }, 'ar');

    expect(pairs).to.deep.equal([
      { source: 'Rinnovo del permesso di soggiorno', target: 'تجديد تصريح الإقامة' },
      { source: 'Il permesso va rinnovato prima che scada. Presenta la domanda 60 giorni prima.', target: 'يجب تجديد التصريح قبل انتهائه وتقديم الطلب قبل 60 يومًا.' },
      { source: 'Conserva la ricevuta della posta.', target: 'احتفظوا بإيصال البريد.' },
    ]);
  });

  it('bodies whose lines do not correspond: only the titles pair (a wrong pair would be offered as a translation)', () => {
    const pairs = alignNotice(source, 'it', { title: 'Renewing your permit', body: 'Renew it before it expires, 60 days ahead, and keep the receipt.' }, 'en');

    expect(pairs).to.deep.equal([{ source: 'Rinnovo del permesso di soggiorno', target: 'Renewing your permit' }]);
  });
});

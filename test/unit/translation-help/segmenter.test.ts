import { expect } from 'chai';
import { composeNotice, segmentNotice, splitSentences } from '../../../src/translation-help/segmenter.js';

describe('segmenting notices into sentences', () => {
  it('Italian: ends at . ! ? but not inside "es. 14/11" or "ecc. e"', () => {
    const sentences = splitSentences('Presenta la domanda entro il giorno indicato (es. 14/11). Servono passaporto, foto ecc. e la ricevuta! Hai dubbi? Prenota.', 'it');

    expect(sentences).to.deep.equal([
      'Presenta la domanda entro il giorno indicato (es. 14/11).',
      'Servono passaporto, foto ecc. e la ricevuta!',
      'Hai dubbi?',
      'Prenota.',
    ]);
  });

  it('Chinese: ends at 。！？ with no spaces between sentences, and not at the full-width comma or colon', () => {
    expect(splitSentences('居留许可必须在到期前续签：请至少提前60天提交申请。需要帮助吗？请预约！好的', 'zh-Hans')).to.deep.equal([
      '居留许可必须在到期前续签：请至少提前60天提交申请。',
      '需要帮助吗？',
      '请预约！',
      '好的',
    ]);
  });

  it('Arabic: ends at . and the Arabic question mark ؟, not at the Arabic comma ،', () => {
    expect(splitSentences('يجب تجديد تصريح الإقامة قبل انتهاء صلاحيته، في الموعد. هل تحتاجون مساعدة؟ احجزوا موعدًا.', 'ar')).to.deep.equal([
      'يجب تجديد تصريح الإقامة قبل انتهاء صلاحيته، في الموعد.',
      'هل تحتاجون مساعدة؟',
      'احجزوا موعدًا.',
    ]);
  });

  it('a notice: the title is `t`, each body line\'s sentences `b<line>.<n>`, blank lines keep their number', () => {
    const segments = segmentNotice({ title: 'Allerta meteo', body: 'Piove forte. Resta a casa.\n\nCosa fare:\n• non entrare nei sottopassi;' }, 'it');

    expect(segments.map((s) => [s.key, s.text])).to.deep.equal([
      ['t', 'Allerta meteo'],
      ['b0.0', 'Piove forte.'],
      ['b0.1', 'Resta a casa.'],
      ['b2.0', 'Cosa fare:'],
      ['b3.0', '• non entrare nei sottopassi;'],
    ]);
  });

  it('composing a translation: on the source\'s lines, a space between sentences, none in Chinese; empty sentences left out', () => {
    const body = 'Piove forte. Resta a casa.\n\nCosa fare:';

    expect(composeNotice(body, [{ key: 't', text: 'Alert' }, { key: 'b0.0', text: 'Heavy rain.' }, { key: 'b0.1', text: 'Stay home.' }, { key: 'b2.0', text: 'What to do:' }], 'en')).to.deep.equal({
      title: 'Alert',
      body: 'Heavy rain. Stay home.\n\nWhat to do:',
    });
    expect(composeNotice(body, [{ key: 't', text: '预警' }, { key: 'b0.0', text: '大雨。' }, { key: 'b0.1', text: '请待在家。' }, { key: 'b2.0', text: '' }], 'zh-Hans')).to.deep.equal({
      title: '预警',
      body: '大雨。请待在家。',
    });
  });
});

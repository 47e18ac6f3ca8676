import { expect } from 'chai';
import { parseKeyword } from '../../../../src/inbox/intake/keywords.js';

describe('parseKeyword', () => {
  it('LANG with a supported code, in any case and spacing, chooses that language', () => {
    expect(parseKeyword('  LANG ar ')).to.deep.equal({ kind: 'language', language: 'ar' });
    expect(parseKeyword('lingua UR')).to.deep.equal({ kind: 'language', language: 'ur' });
    expect(parseKeyword('语言 zh')).to.deep.equal({ kind: 'language', language: 'zh-Hans' });
    expect(parseKeyword('lang zh-hant')).to.deep.equal({ kind: 'language', language: 'zh-Hant' });
  });

  it('STOP and START, alone, are keywords', () => {
    expect(parseKeyword('stop')).to.deep.equal({ kind: 'stop' });
    expect(parseKeyword('START\n')).to.deep.equal({ kind: 'start' });
  });

  it('ISCRIVIMI / SUBSCRIBE and their opposites, alone, subscribe a chat to the notices or end it', () => {
    for (const word of ['ISCRIVIMI', 'iscrivi', ' Subscribe ', '订阅', 'اشترك']) expect(parseKeyword(word), word).to.deep.equal({ kind: 'subscribe' });
    for (const word of ['DISISCRIVIMI', 'unsubscribe', '退订', 'إلغاء الاشتراك']) expect(parseKeyword(word), word).to.deep.equal({ kind: 'unsubscribe' });
    expect(parseKeyword('Come mi iscrivo al corso di italiano?')).to.equal(undefined);
  });

  it('the subscription word followed by menu numbers chooses topics: each digit one choice, in any script a phone types', () => {
    expect(parseKeyword('ISCRIVIMI 1 3')).to.deep.equal({ kind: 'subscribe', choices: [1, 3] });
    expect(parseKeyword('iscrivimi 13')).to.deep.equal({ kind: 'subscribe', choices: [1, 3] });
    expect(parseKeyword('subscribe: 2, 9, 2')).to.deep.equal({ kind: 'subscribe', choices: [2, 9] });
    expect(parseKeyword('订阅３')).to.deep.equal({ kind: 'subscribe', choices: [3] });
    expect(parseKeyword('اشترك ١ ٣')).to.deep.equal({ kind: 'subscribe', choices: [1, 3] });
    expect(parseKeyword('SUBSCRIBE ۴')).to.deep.equal({ kind: 'subscribe', choices: [4] });
    expect(parseKeyword('ISCRIVIMI 0')).to.deep.equal({ kind: 'subscribe', choices: [] });
    expect(parseKeyword('iscrivimi 1 e 3'), 'words after the numbers: a question for staff').to.equal(undefined);
    expect(parseKeyword('iscrivimi al corso')).to.equal(undefined);
  });

  it('a question that contains a keyword, or an unsupported code, is plain text', () => {
    expect(parseKeyword('Please stop the renewal, I moved')).to.equal(undefined);
    expect(parseKeyword('LANG xx')).to.equal(undefined);
    expect(parseKeyword('LANG ar; drop table')).to.equal(undefined);
    expect(parseKeyword('{{constructor}}')).to.equal(undefined);
  });
});

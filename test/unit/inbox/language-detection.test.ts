import { expect } from 'chai';
import { detectLanguage } from '../../../src/inbox/language-detection.js';

describe('detectLanguage', () => {
  it('Chinese characters, Arabic letters, Urdu-only letters, Cyrillic, each point to their language', () => {
    expect(detectLanguage('你好，我想续签居留许可')).to.equal('zh-Hans');
    expect(detectLanguage('مرحبا، أريد تجديد تصريح الإقامة')).to.equal('ar');
    expect(detectLanguage('مجھے اپنے پرمٹ کے بارے میں پوچھنا ہے')).to.equal('ur');
    expect(detectLanguage('Здравствуйте')).to.equal('ru');
  });

  it('Latin script, which eight of our languages share, gives no guess', () => {
    expect(detectLanguage('Buongiorno, vorrei rinnovare il permesso')).to.equal(undefined);
    expect(detectLanguage('Përshëndetje')).to.equal(undefined);
  });
});

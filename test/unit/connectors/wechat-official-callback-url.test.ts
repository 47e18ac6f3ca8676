import { expect } from 'chai';
import { scrubPersonalData } from '../../../src/platform/logging/logger.js';

describe('request logs of WeChat callbacks', () => {
  it('a callback URL as WeChat calls it: the follower\'s openid is redacted, the rest kept', () => {
    const url = '/wechat-official/oa-prato?signature=5c1f&timestamp=1765130000&nonce=42&openid=oPrato_0aZ-9xYz1234567890abcd&encrypt_type=aes';

    const logged = scrubPersonalData(url);

    expect(logged).to.not.include('oPrato_0aZ-9xYz1234567890abcd');
    expect(logged).to.include('openid=[redacted]').and.include('/wechat-official/oa-prato').and.include('encrypt_type=aes');
  });
});

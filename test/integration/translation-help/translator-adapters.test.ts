import { expect } from 'chai';
import { createDeepLTranslator, createLibreTranslateTranslator, TranslatorFailed } from '../../../src/translation-help/index.js';
import { machineText, startDeepLDouble, startLibreTranslateDouble, type TranslatorDouble } from '../../support/translators/translator-doubles.js';

async function failureOf(promise: Promise<unknown>): Promise<TranslatorFailed> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TranslatorFailed) return error;
    throw error;
  }
  throw new Error('expected the translator to fail');
}

const sentences = ['Il permesso di soggiorno va rinnovato prima che scada.', 'Prenota un appuntamento.'];

describe('LibreTranslate adapter against a loopback double of its documented API', () => {
  let double: TranslatorDouble;
  before(async () => {
    double = await startLibreTranslateDouble({ apiKey: 'lt-key-0123456789' });
  });
  after(() => double.stop());

  it('two sentences: one POST /translate with q as an array, source, target and the key; the texts come back in order', async () => {
    const translator = createLibreTranslateTranslator({ url: double.url, apiKey: 'lt-key-0123456789' });
    const before = double.received.length;

    const texts = await translator.translate(sentences, 'it', 'zh-Hans');

    expect(texts).to.deep.equal(sentences.map((s) => machineText(s, 'zh-Hans')));
    expect(double.received.slice(before).map((r) => r.body)).to.deep.equal([{ q: sentences, source: 'it', target: 'zh-Hans', format: 'text', api_key: 'lt-key-0123456789' }]);
  });

  it('a wrong key: LibreTranslate\'s 403 becomes key_refused (503), with its error text', async () => {
    const failed = await failureOf(createLibreTranslateTranslator({ url: double.url, apiKey: 'wrong' }).translate(sentences, 'it', 'ar'));

    expect(failed.reason).to.equal('key_refused');
    expect(failed.kind).to.equal('unavailable');
    expect(failed.message).to.contain('Invalid API key');
  });

  for (const [status, reason, kind] of [
    [400, 'request_refused', 'unavailable'],
    [429, 'rate_limited', 'too-many'],
    [500, 'server_error', 'unavailable'],
  ] as const) {
    it(`the server answers ${status} with { error }: ${reason} (${kind})`, async () => {
      double.failNext(status, `double says ${status}`);

      const failed = await failureOf(createLibreTranslateTranslator({ url: double.url, apiKey: 'lt-key-0123456789' }).translate(sentences, 'it', 'ar'));

      expect(failed.reason).to.equal(reason);
      expect(failed.kind).to.equal(kind);
      expect(failed.message).to.contain(`double says ${status}`);
      if (status === 429) expect(failed.retryAfterSeconds).to.equal(7);
    });
  }

  it('no server at the address: unreachable', async () => {
    const failed = await failureOf(createLibreTranslateTranslator({ url: 'http://127.0.0.1:9', timeoutMs: 2000 }).translate(sentences, 'it', 'ar'));

    expect(failed.reason).to.equal('unreachable');
  });
});

describe('DeepL adapter against a loopback double of its documented API', () => {
  const key = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:fx';
  let double: TranslatorDouble;
  before(async () => {
    double = await startDeepLDouble({ apiKey: key });
  });
  after(() => double.stop());

  it('two sentences: POST /v2/translate with the DeepL-Auth-Key header, text[], IT and DeepL\'s code for the target', async () => {
    const translator = createDeepLTranslator({ apiKey: key, url: double.url });
    const before = double.received.length;

    const texts = await translator.translate(sentences, 'it', 'zh-Hans');

    expect(texts).to.deep.equal(sentences.map((s) => machineText(s, 'ZH-HANS')));
    const sent = double.received.slice(before);
    expect(sent.map((r) => r.body)).to.deep.equal([{ text: sentences, source_lang: 'IT', target_lang: 'ZH-HANS' }]);
    expect(sent[0]!.authorization).to.equal(`DeepL-Auth-Key ${key}`);
  });

  it('a wrong key: DeepL\'s 403 becomes key_refused', async () => {
    const failed = await failureOf(createDeepLTranslator({ apiKey: 'another:fx', url: double.url }).translate(sentences, 'it', 'ar'));

    expect(failed.reason).to.equal('key_refused');
    expect(failed.message).to.contain('Forbidden');
  });

  for (const [status, reason, kind] of [
    [429, 'rate_limited', 'too-many'],
    [456, 'quota_exceeded', 'unavailable'],
  ] as const) {
    it(`DeepL answers ${status} with { message }: ${reason} (${kind})`, async () => {
      double.failNext(status, status === 456 ? 'Quota Exceeded' : 'Too many requests');

      const failed = await failureOf(createDeepLTranslator({ apiKey: key, url: double.url }).translate(sentences, 'it', 'ar'));

      expect(failed.reason).to.equal(reason);
      expect(failed.kind).to.equal(kind);
      expect(failed.message).to.contain(status === 456 ? 'Quota Exceeded' : 'Too many requests');
    });
  }
});

import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { hoursText } from '../../../../src/inbox/conversations/waiting-alerts.js';
import { createI18n, exactLanguageTranslator } from '../../../../src/platform/i18n/i18n.js';

/** The service's own Italian texts: the plurals are i18next's. */
const translate = exactLanguageTranslator(await createI18n(fileURLToPath(new URL('../../../../locales/', import.meta.url))));
const wait = (ms: number) => hoursText(ms, translate);

describe('a wait as the staff e-mail says it', () => {
  it('hours with a decimal comma, one hour in words, minutes below an hour', () => {
    expect(wait(2 * 3_600_000)).to.equal('2 ore');
    expect(wait(1.5 * 3_600_000)).to.equal('1,5 ore');
    expect(wait(3_600_000)).to.equal("un'ora");
    expect(wait(30 * 60_000)).to.equal('30 minuti');
    expect(wait(60_000)).to.equal('un minuto');
    expect(wait(2 * 60_000)).to.equal('2 minuti');
    expect(wait(1000)).to.equal('un minuto');
  });
});

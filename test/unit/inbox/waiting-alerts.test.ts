import { expect } from 'chai';
import { hoursText } from '../../../src/inbox/waiting-alerts.js';

describe('a wait as the staff e-mail says it', () => {
  it('hours with a decimal comma, one hour in words, minutes below an hour', () => {
    expect(hoursText(2 * 3_600_000)).to.equal('2 ore');
    expect(hoursText(1.5 * 3_600_000)).to.equal('1,5 ore');
    expect(hoursText(3_600_000)).to.equal("un'ora");
    expect(hoursText(30 * 60_000)).to.equal('30 minuti');
    expect(hoursText(60_000)).to.equal('1 minuto');
    expect(hoursText(1000)).to.equal('un minuto');
  });
});

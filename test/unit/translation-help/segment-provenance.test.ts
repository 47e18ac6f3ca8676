import { expect } from 'chai';
import { classifySegment, helpShares } from '../../../src/translation-help/segment-provenance.js';

const sentence = { key: 'b0.0', source: 'Prenota un appuntamento.' };

describe('where a saved sentence came from', () => {
  it('exactly the machine draft: machine, unchanged, unconfirmed unless the mediator said so', () => {
    expect(classifySegment({ ...sentence, text: '⟨zh⟩ 请预约。' }, [{ origin: 'machine', text: '⟨zh⟩ 请预约。' }])).to.include({ origin: 'machine', edited: 0, confirmed: false });
    expect(classifySegment({ ...sentence, text: '⟨zh⟩ 请预约。', confirmed: true }, [{ origin: 'machine', text: '⟨zh⟩ 请预约。' }])).to.include({ origin: 'machine', confirmed: true });
  });

  it('the machine draft with a few characters changed: machine, with how many changed', () => {
    expect(classifySegment({ ...sentence, text: 'Please book an appointment now.' }, [{ origin: 'machine', text: 'Please book an appointment.' }])).to.include({ origin: 'machine', edited: 4 });
  });

  it('the same text offered by the memory and the machine: memory (a person approved it once)', () => {
    expect(classifySegment({ ...sentence, text: '请预约。' }, [{ origin: 'machine', text: '请预约。' }, { origin: 'memory', text: '请预约。' }])).to.include({ origin: 'memory', edited: 0 });
  });

  it('a text far from everything offered: typed, its whole length', () => {
    expect(classifySegment({ ...sentence, text: 'Book at the desk.' }, [{ origin: 'machine', text: 'Please reserve a slot with the office in advance.' }])).to.include({ origin: 'typed', edited: 17 });
  });

  it('shares in characters: unchanged suggestion characters count for it, changed ones and typed sentences for typing', () => {
    const shares = helpShares({
      title: 'x',
      body: 'y',
      segments: [
        { key: 't', source: 's', text: '0123456789', origin: 'memory', edited: 0, confirmed: false },
        { key: 'b0.0', source: 's', text: '01234', origin: 'machine', edited: 1, confirmed: false },
        { key: 'b0.1', source: 's', text: '012', origin: 'typed', edited: 3, confirmed: false },
      ],
    });

    expect(shares).to.deep.equal({ memory: 10, machine: 4, typed: 4 });
    expect(helpShares({ title: 'Title', body: 'Body.' })).to.deep.equal({ memory: 0, machine: 0, typed: 10 });
  });
});

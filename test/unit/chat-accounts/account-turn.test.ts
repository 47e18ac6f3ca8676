import { expect } from 'chai';
import { DEFAULT_RETRY_AFTER_MS, HOURLY_CAP_REACHED, SendError, accountHoldMs, inAccountTurn, sendFailureOf, type PacerTurn, type TurnUse } from '../../../src/chat-accounts/index.js';

/** Turns handed out from a script, recording every release with what the turn used. */
function scriptedTurns(script: PacerTurn[]) {
  const released: Array<{ token: string; use: TurnUse }> = [];
  let taken = 0;
  return {
    released,
    get taken() {
      return taken;
    },
    take: async () => script[Math.min(taken++, script.length - 1)]!,
    release: async (token: string, use: TurnUse) => void released.push({ token, use: { ...use } }),
  };
}

describe('account turn', () => {
  it('given at once, runs the send in it and releases the turn with what the send used', async () => {
    const turns = scriptedTurns([{ kind: 'go', token: 't1' }]);

    const outcome = await inAccountTurn(turns, async (use) => {
      use.sent = 2;
      return 'sent';
    });

    expect(outcome).to.deep.equal({ kind: 'ran', result: 'sent' });
    expect(turns.released).to.deep.equal([{ token: 't1', use: { sent: 2, holdMs: 0 } }]);
  });

  it('after a short wait, asks again and then runs the send', async () => {
    const turns = scriptedTurns([{ kind: 'wait', ms: 5 }, { kind: 'go', token: 't2' }]);

    const outcome = await inAccountTurn(turns, async () => 'sent');

    expect(outcome).to.deep.equal({ kind: 'ran', result: 'sent' });
    expect(turns.taken).to.equal(2);
  });

  it('behind an hourly cap, comes back later a second after the cap reopens without running the send or releasing', async () => {
    const turns = scriptedTurns([{ kind: 'hourly_cap', reopensInMs: 60_000 }]);
    let ran = false;

    const outcome = await inAccountTurn(turns, async () => {
      ran = true;
    });

    expect(outcome).to.deep.equal({ kind: 'later', delayMs: 61_000, reason: HOURLY_CAP_REACHED });
    expect(ran).to.equal(false);
    expect(turns.released).to.deep.equal([]);
  });

  it('a wait longer than a job should hold, goes back to the queue for that long', async () => {
    const turns = scriptedTurns([{ kind: 'wait', ms: 120_000 }]);

    const outcome = await inAccountTurn(turns, async () => 'sent');

    expect(outcome).to.deep.equal({ kind: 'later', delayMs: 120_000, reason: 'waiting for the account' });
  });

  it('a send that throws, still releases the turn with the hold it recorded, and the error goes on', async () => {
    const turns = scriptedTurns([{ kind: 'go', token: 't3' }]);

    const thrown = await inAccountTurn(turns, async (use) => {
      use.holdMs = 5000;
      throw new Error('database down');
    }).catch((error: Error) => error);

    expect(thrown).to.be.instanceOf(Error).with.property('message', 'database down');
    expect(turns.released).to.deep.equal([{ token: 't3', use: { sent: 0, holdMs: 5000 } }]);
  });
});

describe('send failure', () => {
  it('an error the platform did not explain, counts as transient with its message', () => {
    const failure = sendFailureOf(new Error('socket hang up'));

    expect(failure).to.be.instanceOf(SendError);
    expect(failure.kind).to.equal('transient');
    expect(failure.reason).to.equal('socket hang up');
  });

  it('a SendError, stays itself', () => {
    const error = new SendError('permanent', 'not a member');

    expect(sendFailureOf(error)).to.equal(error);
  });

  it('rate limited, holds the account for the retry-after, or the default without one; other kinds hold nothing', () => {
    expect(accountHoldMs(new SendError('rate_limited', 'too fast', 3000))).to.equal(3000);
    expect(accountHoldMs(new SendError('rate_limited', 'too fast'))).to.equal(DEFAULT_RETRY_AFTER_MS);
    expect(accountHoldMs(new SendError('transient', 'reconnecting'))).to.equal(0);
  });
});

import { expect } from 'chai';
import { ChatMessageNotices } from '../../../../src/connectors/simulator/chat-message-notices.js';

const refOf = (chatId: string): string => `ref-${chatId}`;

/** The notices told, and a promise for the next one without a reference. */
function recorder(notices: ChatMessageNotices): { told: Array<string | undefined>; several: () => Promise<void> } {
  const told: Array<string | undefined> = [];
  let waiting: (() => void) | undefined;
  notices.listen((chatRef) => {
    told.push(chatRef);
    if (chatRef === undefined) waiting?.();
  });
  return { told, several: () => new Promise<void>((resolve) => (waiting = resolve)) };
}

describe('simulated chats: notices of new messages', () => {
  it('a quiet account: each message is told at once, by its chat reference', () => {
    const notices = new ChatMessageNotices(refOf, { namedPerInterval: 3, intervalMs: 60_000 });
    const { told } = recorder(notices);

    notices.message('c-1');
    notices.message('c-2');

    expect(told).to.deep.equal(['ref-c-1', 'ref-c-2']);
  });

  it('a burst into ten chats: the first three are named, the rest is one notice without a reference at the interval end', async () => {
    const notices = new ChatMessageNotices(refOf, { namedPerInterval: 3, intervalMs: 100 });
    const { told, several } = recorder(notices);
    const told10 = several();

    for (let i = 1; i <= 10; i += 1) notices.message(`c-${i}`);
    expect(told).to.deep.equal(['ref-c-1', 'ref-c-2', 'ref-c-3']);
    await told10;

    expect(told).to.deep.equal(['ref-c-1', 'ref-c-2', 'ref-c-3', undefined]);
  });

  it('stopped in the middle of a burst: the notice still due is told at once', () => {
    const notices = new ChatMessageNotices(refOf, { namedPerInterval: 1, intervalMs: 60_000 });
    const { told } = recorder(notices);
    notices.message('c-1');
    notices.message('c-2');
    notices.message('c-3');

    notices.flush();
    notices.flush();

    expect(told).to.deep.equal(['ref-c-1', undefined]);
  });

  it('a few chats after the named ones (a question and our acknowledgement): each told by its reference at the interval end, once', () => {
    const notices = new ChatMessageNotices(refOf, { namedPerInterval: 2, intervalMs: 60_000 });
    const { told } = recorder(notices);
    notices.message('c-1');
    notices.message('c-2');
    notices.message('c-3');
    notices.message('c-3');
    notices.message('c-1');

    notices.flush();

    expect(told).to.deep.equal(['ref-c-1', 'ref-c-2', 'ref-c-3', 'ref-c-1']);
  });

  it('nobody listening: no chat reference is computed', () => {
    const asked: string[] = [];
    const notices = new ChatMessageNotices((chatId) => (asked.push(chatId), chatId));

    notices.message('c-1');

    expect(asked).to.deep.equal([]);
  });
});

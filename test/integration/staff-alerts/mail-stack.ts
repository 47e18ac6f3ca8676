import type { ChannelAccountConfig } from '../../../src/platform/config.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { registerGroups, startDispatchStack, type DispatchStack } from '../dispatch/dispatch-api.js';

export interface MailStack {
  ctx: DispatchStack;
  /** The town's mail server, as a real SMTP server that keeps what it receives. */
  sink: SmtpSink;
  stop(): Promise<void>;
}

/** The whole service with these simulated accounts and their groups registered, sending staff e-mail to a local SMTP server. */
export async function startMailStack(accounts: Array<Extract<ChannelAccountConfig, { platform: 'simulator' }>>): Promise<MailStack> {
  const sink = await SmtpSink.start();
  const ctx = await startDispatchStack(accounts, { SMTP_URL: sink.url, MAIL_FROM: 'sportello@comune.test' });
  await registerGroups(ctx, accounts);
  return {
    ctx,
    sink,
    async stop() {
      await ctx.stack.stop();
      await sink.stop();
    },
  };
}

/** A mail stack started before the tests of the calling `describe` and stopped after them. */
export function withMailStack(accounts: Array<Extract<ChannelAccountConfig, { platform: 'simulator' }>>): { readonly ctx: DispatchStack; readonly sink: SmtpSink } {
  let stack: MailStack | undefined;
  before(async () => {
    stack = await startMailStack(accounts);
  });
  after(() => stack?.stop());
  return {
    get ctx() {
      return stack!.ctx;
    },
    get sink() {
      return stack!.sink;
    },
  };
}

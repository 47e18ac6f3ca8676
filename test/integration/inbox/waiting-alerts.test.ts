import { expect } from 'chai';
import { DateTime } from 'luxon';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { captureLogs } from '../../support/log-capture.js';
import { SmtpSink } from '../../support/smtp-sink.js';
import { waitForAsync } from '../../support/wait-for.js';
import { citizenWrites, conversationWith, startInboxStack, type InboxStack } from './inbox-api.js';

/** A wait of one second is "long" here, and waits are checked every second. */
const FAST_ALERTS = { INBOX_ALERT_AFTER_HOURS: String(1 / 3600), INBOX_ALERT_CHECK_SECONDS: '1' };

async function emailsCounted(ctx: InboxStack, outcome: 'sent' | 'failed'): Promise<number> {
  const metrics = await (await fetch(`${ctx.stack.url}/metrics`)).text();
  return Number(new RegExp(`^sportello_staff_emails_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
}

/** The e-mails the sink receives from now on, per person. */
function mailsFromNow(sink: SmtpSink, people: readonly SignedInUser[]) {
  const before = new Map(people.map((person) => [person.user.email, sink.to(person.user.email).length]));
  const seen = (person: SignedInUser): number => before.get(person.user.email)!;
  return {
    to: (person: SignedInUser) => sink.to(person.user.email).slice(seen(person)),
    waitFor: async (person: SignedInUser, count: number) => (await sink.waitFor(person.user.email, seen(person) + count)).slice(seen(person)),
  };
}

/**
 * Mediators are not always in the console: a citizen waiting longer than INBOX_ALERT_AFTER_HOURS makes Sportello
 * e-mail the language's mediators through the town's mail server (SMTP_URL), once per wait, without a word of what
 * the citizen wrote. A real SMTP server receives them; citizens write through the simulator's chats.
 */
describe('staff e-mailed about citizens waiting for an answer', () => {
  let sink: SmtpSink;
  let ctx: InboxStack;
  let secondArabicMediator: SignedInUser;

  before(async () => {
    sink = await SmtpSink.start();
    ctx = await startInboxStack({ SMTP_URL: sink.url, MAIL_FROM: 'Sportello Immigrazione <sportello@comune.test>', ...FAST_ALERTS });
    secondArabicMediator = await signInAs(ctx.stack, 'mediator', { languages: ['ar', 'fr'] });
  });
  after(async () => {
    await ctx.stack.stop();
    await sink.stop();
  });

  it('the language’s mediators get one e-mail per wait, with counts and the console’s link and nothing the citizen wrote', async () => {
    const newMails = mailsFromNow(sink, [ctx.arabicMediator, secondArabicMediator, ctx.chineseMediator, ctx.admin]);
    const chat = citizenChat(1);
    const question = buildQuestion('مرحبا، أين أجدد تصريح الإقامة؟');
    await citizenWrites(ctx, chat, 'LANG ar');
    await citizenWrites(ctx, chat, question);

    const [mail] = await newMails.waitFor(ctx.arabicMediator, 1);
    await newMails.waitFor(secondArabicMediator, 1);

    expect(mail!.from).to.equal('sportello@comune.test');
    expect(mail!.subject).to.equal('Sportello: un cittadino aspetta una risposta da più di un minuto');
    expect(mail!.text).to.contain('- arabo: 1 conversazione; la più vecchia aspetta da ');
    expect(mail!.text).to.contain(`${ctx.stack.url}/console/#/inbox?waiting=true`);
    expect(mail!.text).not.to.contain(question.slice(0, 10)).and.not.to.contain('39333');
    expect(newMails.to(ctx.chineseMediator), 'not their language').to.have.length(0);
    expect(newMails.to(ctx.admin), 'the language has mediators').to.have.length(0);

    // Another citizen's wait is reported by a later check, which would have reported this wait again.
    await citizenWrites(ctx, citizenChat(6), 'LANG zh');
    await citizenWrites(ctx, citizenChat(6), buildQuestion('你好'));
    await newMails.waitFor(ctx.chineseMediator, 1);
    expect(newMails.to(ctx.arabicMediator), 'once per wait').to.have.length(1);
  });

  it('answered, then asked again: a new wait, a new e-mail; not to a mediator who turned the e-mails off', async () => {
    const quietMediator = await signInAs(ctx.stack, 'mediator', { languages: ['ar'] });
    const off = await call(ctx.stack, 'PATCH', `/api/v1/users/${quietMediator.user.id}`, { headers: ctx.admin.headers, body: { emailAlerts: false } });
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body.emailAlerts).to.equal(false);
    const chat = citizenChat(7);
    const question = buildQuestion('مرحبا، متى يفتح المكتب؟');
    await citizenWrites(ctx, chat, 'LANG ar');
    await citizenWrites(ctx, chat, question);
    const first = await sink.waitFor(ctx.arabicMediator.user.email, sink.to(ctx.arabicMediator.user.email).length + 1);

    const conversation = await conversationWith(ctx, question);
    const answered = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${String(conversation.id)}/replies`, { headers: ctx.arabicMediator.headers, body: { text: 'In via Roma 1.' } });
    expect(answered.status, JSON.stringify(answered.body)).to.equal(202);

    await citizenWrites(ctx, chat, buildQuestion('وماذا عن الأطفال؟'));

    await sink.waitFor(ctx.arabicMediator.user.email, first.length + 1);
    expect(sink.to(quietMediator.user.email), 'e-mails turned off').to.have.length(0);
  });

  it('a language nobody mediates goes to the admins', async () => {
    await citizenWrites(ctx, citizenChat(2), 'LANG sq');
    await citizenWrites(ctx, citizenChat(2), buildQuestion('Përshëndetje, si ta rinovoj lejen e qëndrimit?'));

    const mail = await waitForAsync(async () => sink.to(ctx.admin.user.email).find((m) => m.text.includes('albanese')), 'the e-mail about the Albanian wait');

    expect(mail.text).to.contain('- albanese: 1 conversazione');
    expect(sink.received.filter((m) => m.text.includes('albanese')).flatMap((m) => m.to)).to.deep.equal([ctx.admin.user.email]);
  });

  it('the mail server down: nothing is lost, the e-mail goes once it is back', async () => {
    const port = sink.port;
    const sentBefore = sink.received.length;
    const refusedBefore = await emailsCounted(ctx, 'failed');
    await sink.stop();
    await citizenWrites(ctx, citizenChat(3), 'LANG zh');
    await citizenWrites(ctx, citizenChat(3), buildQuestion('你好，我想续签居留许可'));
    await waitForAsync(async () => ((await emailsCounted(ctx, 'failed')) > refusedBefore ? true : undefined), 'a refused e-mail');

    sink = await SmtpSink.start(port);

    const [mail] = await sink.waitFor(ctx.chineseMediator.user.email, 1, 15_000);
    expect(mail!.text).to.contain('- cinese semplificato: 1 conversazione');
    expect(await emailsCounted(ctx, 'sent')).to.equal(sentBefore + sink.received.length);
  });
});

describe('staff alerts while the office is closed', () => {
  let sink: SmtpSink;
  let ctx: InboxStack;
  const logs = captureLogs();
  const closedChecks = () => logs.text().split('office closed: waits are reported at opening').length - 1;

  before(async () => {
    sink = await SmtpSink.start();
    const day = DateTime.now().setZone('Europe/Rome').plus({ days: 2 }).toFormat('ccc');
    ctx = await startInboxStack(
      { SMTP_URL: sink.url, MAIL_FROM: 'sportello@comune.test', INBOX_OPENING_HOURS: `${day} 09:00-10:00`, LOG_LEVEL: 'debug', ...FAST_ALERTS },
      { logDestination: logs.destination },
    );
  });
  after(async () => {
    await ctx.stack.stop();
    await sink.stop();
  });

  it('wait for the opening: nobody is e-mailed at night', async () => {
    await citizenWrites(ctx, citizenChat(4), 'LANG ar');
    await citizenWrites(ctx, citizenChat(4), buildQuestion('مرحبا'));
    const checksBefore = closedChecks();

    // A check that started after the question was stored, so it had a due wait to report (after 1 s).
    await waitForAsync(async () => (closedChecks() > checksBefore + 1 ? true : undefined), 'two checks of the closed office');

    expect(sink.received).to.have.length(0);
  });
});

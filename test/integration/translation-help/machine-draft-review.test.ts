import { expect } from 'chai';
import { call } from '../../support/http.js';
import type { Shares } from '../../../src/translation-help/help-record.repository.js';
import { machineText, startLibreTranslateDouble, type TranslatorDouble } from '../../support/translators/translator-doubles.js';
import { startHelpStack, suggestionsFor, writeNotice, type HelpStack } from './translation-help-api.js';

/**
 * Machine drafts, never machine sends: with the town's LibreTranslate configured (a loopback double here), a
 * mediator gets a draft beside the memory, and a translation still a machine draft cannot be approved until
 * each machine sentence is changed or confirmed. What helped is counted per language.
 */
describe('machine drafts through the API (LibreTranslate double)', function () {
  this.timeout(60_000);
  let double: TranslatorDouble;
  let ctx: HelpStack;
  before(async () => {
    double = await startLibreTranslateDouble();
    ctx = await startHelpStack({ LIBRETRANSLATE_URL: double.url });
  });
  after(async () => {
    await ctx?.stack.stop();
    await double?.stop();
  });

  const notice = { title: 'Allerta meteo', body: 'Domani piogge forti in tutta la provincia. Evita i sottopassi.' };
  // Approving a translation puts its sentences in the memory, and a memory match comes before the machine's:
  // the tests that look at where each sentence came from translate notices of their own, which no other test
  // approves and whose sentences are nowhere near the others' (below the fuzzy threshold).
  const closedOffices = {
    title: 'Chiusura degli uffici comunali',
    body: 'Lunedì gli sportelli restano chiusi per la festa patronale. Le pratiche urgenti si fanno online.',
  };
  const fluVaccine = { title: 'Vaccinazioni antinfluenzali', body: 'Da ottobre il medico di base offre il vaccino gratuito. Porta con te la tessera sanitaria.' };
  const draftUrl = (id: string) => `/api/v1/announcements/${id}/translations/zh-Hans/machine-draft`;
  const segmentsUrl = (id: string) => `/api/v1/announcements/${id}/translations/zh-Hans/segments`;
  const approveUrl = (id: string) => `/api/v1/announcements/${id}/translations/zh-Hans/approve`;

  it('a draft of each sentence: marked machine-made beside the memory, the only text sent is the notice\'s Italian', async () => {
    const id = await writeNotice(ctx, closedOffices);
    const before = double.received.length;

    const drafted = await call(ctx.stack, 'POST', draftUrl(id), { headers: ctx.mediator.headers });

    expect(drafted.status, JSON.stringify(drafted.body)).to.equal(200);
    expect(drafted.body.translator).to.equal('libretranslate');
    const sentences = ['Chiusura degli uffici comunali', 'Lunedì gli sportelli restano chiusi per la festa patronale.', 'Le pratiche urgenti si fanno online.'];
    expect(drafted.body.segments.map((s: { machine: unknown; prefill: unknown }) => [s.machine, s.prefill])).to.deep.equal(
      sentences.map((s) => [{ text: machineText(s, 'zh-Hans'), engine: 'libretranslate' }, { text: machineText(s, 'zh-Hans'), from: 'machine' }]),
    );
    expect(double.received.slice(before).map((r) => r.body.q)).to.deep.equal([sentences]);
  });

  /** Saves the machine draft untouched, as a mediator who accepted every sentence without reading would. */
  async function saveDraftUntouched(id: string): Promise<Array<{ key: string; text: string }>> {
    const drafted = (await call(ctx.stack, 'POST', draftUrl(id), { headers: ctx.mediator.headers })).body as { segments: Array<{ key: string; machine: { text: string } }> };
    const untouched = drafted.segments.map((s) => ({ key: s.key, text: s.machine.text }));
    expect((await call(ctx.stack, 'PUT', segmentsUrl(id), { headers: ctx.mediator.headers, body: { segments: untouched } })).status).to.equal(200);
    return untouched;
  }

  /** The title rewritten (four characters typed), the first sentence confirmed as it is, the second changed by one character. */
  const reviewed = (untouched: Array<{ key: string; text: string }>, title = '气象预警') => [
    { key: 't', text: title },
    { key: 'b0.0', text: untouched[1]!.text, confirmed: true },
    { key: 'b0.1', text: `${untouched[2]!.text}！` },
  ];

  it('the draft saved untouched: approval refused with a problem naming each unreviewed sentence; changed or confirmed: approved', async () => {
    const id = await writeNotice(ctx, fluVaccine);
    const untouched = await saveDraftUntouched(id);

    const refused = await call(ctx.stack, 'POST', approveUrl(id), { headers: ctx.mediator.headers, body: {} });

    expect(refused.status).to.equal(409);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body.type).to.match(/\/problems\/announcement\.machine_draft_not_reviewed$/);
    expect((refused.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['segments.t', 'segments.b0.0', 'segments.b0.1']);
    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
    expect(stored.body.translations['zh-Hans'].status).to.equal('draft');

    const saved = await call(ctx.stack, 'PUT', segmentsUrl(id), { headers: ctx.mediator.headers, body: { segments: reviewed(untouched, '流感疫苗') } });
    expect(saved.body.translations['zh-Hans'].segments.map((s: { key: string; origin: string; edited: number; confirmed: boolean }) => [s.key, s.origin, s.edited, s.confirmed])).to.deep.equal([
      ['t', 'typed', 4, false],
      ['b0.0', 'machine', 0, true],
      ['b0.1', 'machine', 1, false],
    ]);
    const approved = await call(ctx.stack, 'POST', approveUrl(id), { headers: ctx.mediator.headers, body: {} });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.translations['zh-Hans']).to.include({ status: 'approved', title: '流感疫苗', body: `${untouched[1]!.text}${untouched[2]!.text}！` });
  });

  it('the draft pasted whole into the plain text: refused the same, naming the pasted sentences; one changed, the rest still named', async () => {
    const id = await writeNotice(ctx, notice);
    const drafted = (await call(ctx.stack, 'POST', draftUrl(id), { headers: ctx.mediator.headers })).body as { segments: Array<{ machine: { text: string } }> };
    const [title, first, second] = drafted.segments.map((s) => s.machine.text);
    await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: { title: '气象预警', body: `${first!}${second!}` } });

    const refused = await call(ctx.stack, 'POST', approveUrl(id), { headers: ctx.mediator.headers, body: {} });
    await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: { title: title!.replace('⟨zh-Hans⟩ ', ''), body: `明天全省有强降雨。${second!}` } });
    const stillRefused = await call(ctx.stack, 'POST', approveUrl(id), { headers: ctx.mediator.headers, body: {} });

    expect(refused.status).to.equal(409);
    expect((refused.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['segments.b0.0', 'segments.b0.1']);
    expect(stillRefused.status).to.equal(409);
    expect((stillRefused.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['segments.b0.1']);
  });

  it('what helped is counted per language, in the stats and in /metrics', async () => {
    const id = await writeNotice(ctx, notice);
    const untouched = await saveDraftUntouched(id);
    await call(ctx.stack, 'PUT', segmentsUrl(id), { headers: ctx.mediator.headers, body: { segments: reviewed(untouched) } });
    expect((await call(ctx.stack, 'POST', approveUrl(id), { headers: ctx.mediator.headers, body: {} })).status).to.equal(200);

    const stats = await call(ctx.stack, 'GET', '/api/v1/translation-help/stats', { headers: ctx.editor.headers });
    const metrics = await call(ctx.stack, 'GET', '/metrics');

    const zh = (stats.body.items as Array<{ lang: string; translations: number; chars: Shares; shares: Shares }>).find((row) => row.lang === 'zh-Hans');
    expect(zh, JSON.stringify(stats.body)).to.not.equal(undefined);
    expect(zh!.translations).to.be.at.least(1);
    expect(zh!.chars.machine).to.be.greaterThan(0);
    expect(zh!.chars.typed).to.be.greaterThan(0);
    expect(zh!.shares.memory + zh!.shares.machine + zh!.shares.typed).to.be.closeTo(1, 0.002);
    expect(metrics.body).to.match(/sportello_translation_help_share\{language="zh-Hans",source="machine"\} 0\.\d+/);
    expect(metrics.body).to.match(/sportello_translation_approved_translations\{language="zh-Hans"\} [1-9]/);
  });

  it('the engine asks to slow down (429): the mediator gets 429 translation.translator_failed, and no draft', async () => {
    const id = await writeNotice(ctx, notice);
    double.failNext(429, 'Too many request limits violations');

    const refused = await call(ctx.stack, 'POST', draftUrl(id), { headers: ctx.mediator.headers });

    expect(refused.status).to.equal(429);
    expect(refused.body.type).to.match(/\/problems\/translation\.translator_failed$/);
    expect((await suggestionsFor(ctx, id)).segments.every((s) => s.machine === null)).to.equal(true);
  });
});

describe('machine drafts without a translator configured (the default)', function () {
  this.timeout(60_000);
  let ctx: HelpStack;
  before(async () => {
    ctx = await startHelpStack();
  });
  after(() => ctx?.stack.stop());

  it('asking for a draft: 503 translation.no_translator; the suggestions say there is none', async () => {
    const id = await writeNotice(ctx, { title: 'Avviso', body: 'Testo.' });

    const refused = await call(ctx.stack, 'POST', `/api/v1/announcements/${id}/translations/zh-Hans/machine-draft`, { headers: ctx.mediator.headers });

    expect(refused.status).to.equal(503);
    expect(refused.body.type).to.match(/\/problems\/translation\.no_translator$/);
    expect((await suggestionsFor(ctx, id)).translator).to.equal(null);
  });
});

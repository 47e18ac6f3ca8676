import { expect } from 'chai';
import { call } from '../../support/http.js';
import { approvedNotice, startHelpStack, suggestionsFor, writeNotice, type HelpStack } from './translation-help-api.js';

/**
 * The translation memory through the API: approved translations are split into sentences and offered, sentence
 * by sentence, for a new notice that repeats them (exactly or nearly), with the notice they come from; a notice
 * corrected since its approval offers nothing.
 */
describe('translation memory through the API', function () {
  this.timeout(60_000);
  let ctx: HelpStack;
  before(async () => {
    ctx = await startHelpStack({ TRANSLATION_FUZZY_MIN: '0.8' });
  });
  after(() => ctx?.stack.stop());

  it('a notice that repeats two sentences of an approved one: those two are pre-filled with its Chinese, score 1, its title and approval date; the new one is not', async () => {
    const earlier = { title: 'Rinnovo del permesso di soggiorno', body: 'Il permesso va rinnovato prima che scada. Prenota un appuntamento allo Sportello Immigrazione. Porta il passaporto e quattro fototessere.' };
    const earlierId = await approvedNotice(ctx, earlier, { title: '居留许可续签', body: '居留许可必须在到期前续签。请在移民服务窗口预约。请携带护照和四张证件照。' });
    const newId = await writeNotice(ctx, {
      title: 'Sportello chiuso per la festa',
      body: 'Il 2 giugno lo Sportello resta chiuso per la Festa della Repubblica. Prenota un appuntamento allo Sportello Immigrazione. Porta il passaporto e quattro fototessere.',
    });

    const suggestions = await suggestionsFor(ctx, newId);

    const byKey = new Map(suggestions.segments.map((s) => [s.key, s]));
    expect([...byKey.keys()]).to.deep.equal(['t', 'b0.0', 'b0.1', 'b0.2']);
    expect(byKey.get('b0.1')!.prefill).to.deep.equal({ text: '请在移民服务窗口预约。', from: 'memory', score: 1 });
    expect(byKey.get('b0.2')!.prefill).to.deep.equal({ text: '请携带护照和四张证件照。', from: 'memory', score: 1 });
    const offered = byKey.get('b0.1')!.memory[0]!;
    expect(offered).to.include({ announcementId: earlierId, noticeTitle: earlier.title, score: 1 });
    expect(new Date(offered.approvedAt).getTime()).to.be.closeTo(Date.now(), 60_000);
    expect(byKey.get('b0.0')!.prefill).to.equal(null);
    expect(byKey.get('t')!.prefill).to.equal(null);
  });

  it('a sentence with one word changed: offered with its score, below 1 and above the minimum', async () => {
    const id = await approvedNotice(ctx, { title: 'Iscrizione a scuola', body: 'Le iscrizioni alla scuola primaria si fanno online entro il 10 febbraio.' }, { title: '学校注册', body: '小学注册须在2月10日前在网上完成。' });
    const newId = await writeNotice(ctx, { title: 'Iscrizione alla scuola media', body: 'Le iscrizioni alla scuola media si fanno online entro il 10 febbraio.' });

    const [, body] = (await suggestionsFor(ctx, newId)).segments;

    expect(body!.prefill).to.include({ text: '小学注册须在2月10日前在网上完成。', from: 'memory' });
    expect(body!.memory[0]!.announcementId).to.equal(id);
    expect(body!.memory[0]!.score).to.be.within(0.8, 0.99);
  });

  it('the earlier notice\'s source corrected after approval: its sentences are no longer offered', async () => {
    const earlier = { title: 'Tessera sanitaria', body: 'Per la tessera sanitaria vai all\'ufficio anagrafe sanitaria della ASL. Porta il codice fiscale.' };
    const earlierId = await approvedNotice(ctx, earlier, { title: '医疗卡', body: '办理医疗卡请前往ASL的医疗登记处。请携带税号。' });
    const newId = await writeNotice(ctx, { title: 'Medico di famiglia', body: 'Per scegliere il medico di famiglia porta il permesso. Porta il codice fiscale.' });
    expect((await suggestionsFor(ctx, newId)).segments[2]!.prefill).to.include({ from: 'memory', text: '请携带税号。' });

    const corrected = await call(ctx.stack, 'PATCH', `/api/v1/announcements/${earlierId}`, { headers: ctx.editor.headers, body: { body: `${earlier.body} Porta anche una foto.` } });
    expect(corrected.status, JSON.stringify(corrected.body)).to.equal(200);

    const after = (await suggestionsFor(ctx, newId)).segments[2]!;
    expect(after.memory).to.deep.equal([]);
    expect(after.prefill).to.equal(null);
  });

  it('a sentence key the source does not have: 400 naming segments.<index>.key, nothing saved', async () => {
    const id = await writeNotice(ctx, { title: 'Avviso breve', body: 'Una frase sola.' });

    const refused = await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans/segments`, {
      headers: ctx.mediator.headers,
      body: { segments: [{ key: 't', text: '通知' }, { key: 'b4.0', text: '一句话。' }] },
    });

    expect(refused.status).to.equal(400);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((refused.body.errors as Array<{ field: string }>).map((e) => e.field)).to.deep.equal(['segments.1.key']);
    const stored = await call(ctx.stack, 'GET', `/api/v1/announcements/${id}`, { headers: ctx.editor.headers });
    expect(stored.body.translations['zh-Hans'].status).to.equal('missing');
  });

  it('a text written whole whose translator joined a line\'s two sentences: the form shows that line in its first sentence, the second empty', async () => {
    const id = await writeNotice(ctx, { title: 'Corsi di italiano', body: 'Ripartono i corsi di italiano. Sono gratuiti.\n\nIscriviti al CPIA.' });
    await call(ctx.stack, 'PUT', `/api/v1/announcements/${id}/translations/zh-Hans`, { headers: ctx.mediator.headers, body: { title: '意大利语课程', body: '免费意大利语课程重新开课。\n\n请到CPIA报名。' } });

    const segments = (await suggestionsFor(ctx, id)).segments;

    expect(segments.map((s) => [s.key, s.saved?.text, s.prefill?.from])).to.deep.equal([
      ['t', '意大利语课程', 'saved'],
      ['b0.0', '免费意大利语课程重新开课。', 'saved'],
      ['b0.1', '', 'saved'],
      ['b2.0', '请到CPIA报名。', 'saved'],
    ]);
  });
});

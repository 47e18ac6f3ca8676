import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { buildQuestion, citizenChat } from '../../factories/inbox.factory.js';
import type { SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { citizenWrites, conversationWith, startInboxStack, waitForOurMessages, type InboxStack } from './inbox-api.js';

interface SavedReply {
  id: string;
  language: string;
  title: string;
  text: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

const OFFICE_HOURS_AR = 'مكتب الهجرة مفتوح من الاثنين إلى الجمعة، من الساعة 9 إلى الساعة 12.';
const DOCUMENTS_ZH = '您好！续签居留许可需要：护照、现有居留许可、4张证件照、16欧元印花税票。';

/**
 * Saved replies: what mediators answer again and again, kept per language, inserted into an answer. Through
 * `/api/v1/inbox/saved-replies` on the real stack, with the inbox's rules of who reads and who keeps what.
 */
describe('inbox saved replies: texts mediators answer with again and again, per language', () => {
  let ctx: InboxStack;

  before(async () => {
    ctx = await startInboxStack();
  });
  after(() => ctx.stack.stop());

  const api = (as: SignedInUser, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path = '', body?: unknown) =>
    call(ctx.stack, method, `/api/v1/inbox/saved-replies${path}`, { headers: as.headers, body });
  async function save(as: SignedInUser, body: { language: string; title: string; text: string }): Promise<SavedReply> {
    const response = await api(as, 'POST', '', body);
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body as SavedReply;
  }
  const titles = async (as: SignedInUser, query = ''): Promise<string[]> => {
    const response = await api(as, 'GET', query);
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return (response.body.items as SavedReply[]).map((r) => `${r.language}:${r.title}`);
  };
  // Titles are unique per language and every test saves its own: each marks its titles with a tag of its own and
  // compares the listed ones that carry it, so the others' replies, before or after it, do not count.
  const newTag = () => randomBytes(3).toString('hex');
  const tagged = (listed: string[], tag: string) => listed.filter((title) => title.endsWith(` ${tag}`));
  const languagesOf = (listed: string[]) => [...new Set(listed.map((title) => title.slice(0, title.indexOf(':'))))].sort();

  it('a mediator saves one in their language; it is listed, read back and its Location points at it', async () => {
    const tag = newTag();
    const response = await api(ctx.arabicMediator, 'POST', '', { language: 'ar', title: `  Orari dello sportello ${tag} `, text: OFFICE_HOURS_AR });

    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    const created = response.body as SavedReply;
    expect(created).to.include({ language: 'ar', title: `Orari dello sportello ${tag}`, text: OFFICE_HOURS_AR, createdBy: ctx.arabicMediator.user.id, updatedBy: ctx.arabicMediator.user.id });
    expect(response.headers.get('location')).to.equal(`/api/v1/inbox/saved-replies/${created.id}`);
    const read = await api(ctx.arabicMediator, 'GET', `/${created.id}`);
    expect(read.status).to.equal(200);
    expect(read.body).to.deep.equal(created);
  });

  it('mediators read and keep only their languages; admins, editors and viewers read all, only admins keep any', async () => {
    const tag = newTag();
    await save(ctx.arabicMediator, { language: 'ar', title: `Orari dello sportello ${tag}`, text: OFFICE_HOURS_AR });
    const chinese = await save(ctx.chineseMediator, { language: 'zh-Hans', title: `Documenti per il rinnovo ${tag}`, text: DOCUMENTS_ZH });
    await save(ctx.admin, { language: 'ar', title: `Appuntamento in Questura ${tag}`, text: 'يجب حجز موعد في مركز الشرطة.' });

    const arabicReads = await titles(ctx.arabicMediator);
    const chineseReads = await titles(ctx.chineseMediator);
    const viewerReads = await titles(ctx.viewer);
    const viewerReadsChinese = await titles(ctx.viewer, '?language=zh-Hans');
    expect(tagged(arabicReads, tag)).to.deep.equal([`ar:Appuntamento in Questura ${tag}`, `ar:Orari dello sportello ${tag}`]);
    expect(languagesOf(arabicReads)).to.deep.equal(['ar']);
    expect(tagged(chineseReads, tag)).to.deep.equal([`zh-Hans:Documenti per il rinnovo ${tag}`]);
    expect(languagesOf(chineseReads)).to.deep.equal(['zh-Hans']);
    expect(tagged(viewerReads, tag)).to.deep.equal([`ar:Appuntamento in Questura ${tag}`, `ar:Orari dello sportello ${tag}`, `zh-Hans:Documenti per il rinnovo ${tag}`]);
    expect(tagged(viewerReadsChinese, tag)).to.deep.equal([`zh-Hans:Documenti per il rinnovo ${tag}`]);
    expect(languagesOf(viewerReadsChinese)).to.deep.equal(['zh-Hans']);

    const otherLanguage = await api(ctx.arabicMediator, 'GET', '?language=zh-Hans');
    expect(otherLanguage.status).to.equal(403);
    expect(otherLanguage.body.type).to.equal('/problems/inbox.language_not_yours');
    expect((await api(ctx.arabicMediator, 'GET', `/${chinese.id}`)).status).to.equal(403);
    expect((await api(ctx.arabicMediator, 'POST', '', { language: 'zh-Hans', title: `Mio ${tag}`, text: '你好' })).status).to.equal(403);
    expect((await api(ctx.arabicMediator, 'PUT', `/${chinese.id}`, { language: 'zh-Hans', title: `Cambiato ${tag}`, text: '你好' })).status).to.equal(403);
    expect((await api(ctx.arabicMediator, 'DELETE', `/${chinese.id}`)).status).to.equal(403);
    expect((await api(ctx.viewer, 'POST', '', { language: 'ar', title: `Del visitatore ${tag}`, text: 'نص' })).status).to.equal(403);
    expect(tagged(await titles(ctx.admin, '?language=zh-Hans'), tag), 'nothing changed').to.deep.equal([`zh-Hans:Documenti per il rinnovo ${tag}`]);
    expect(tagged(await titles(ctx.admin, '?language=ar'), tag), 'nothing changed').to.deep.equal([`ar:Appuntamento in Questura ${tag}`, `ar:Orari dello sportello ${tag}`]);
  });

  it('bad input is a 400 naming the field; a title already used in the language, whatever its case, a 409 naming title', async () => {
    const tag = newTag();
    await save(ctx.arabicMediator, { language: 'ar', title: `Orari dello sportello ${tag}`, text: OFFICE_HOURS_AR });
    const cases: Array<[unknown, string]> = [
      [{ language: 'ar', title: '', text: 'نص' }, 'title'],
      [{ language: 'ar', title: 'x'.repeat(121), text: 'نص' }, 'title'],
      [{ language: 'ar', title: 'Vuoto', text: '   ' }, 'text'],
      [{ language: 'ar', title: 'Lungo', text: 'ن'.repeat(4001) }, 'text'],
      [{ language: 'xx-Nope', title: 'Lingua', text: 'text' }, 'language'],
      [{ language: 'ar', title: 'Extra', text: 'نص', topics: [] }, ''],
    ];
    for (const [body, field] of cases) {
      const response = await api(ctx.admin, 'POST', '', body);
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).to.include(field);
    }

    const duplicate = await api(ctx.arabicMediator, 'POST', '', { language: 'ar', title: `ORARI DELLO SPORTELLO ${tag}`, text: 'نص آخر' });
    expect(duplicate.status).to.equal(409);
    expect(duplicate.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(duplicate.body.type).to.equal('/problems/inbox.saved_reply_exists');
    expect(duplicate.body.errors).to.deep.equal([{ field: 'title', message: 'a saved reply with this title already exists in ar' }]);
    expect((await save(ctx.chineseMediator, { language: 'zh-Hans', title: `Orari dello sportello ${tag}`, text: '办公时间：周一至周五 9-12 点。' })).title, 'the same title in another language').to.equal(
      `Orari dello sportello ${tag}`,
    );
    expect((await api(ctx.admin, 'GET', '/0123456789abcdef01234567')).status).to.equal(404);
    expect((await api(ctx.admin, 'GET', '/not-an-id')).status).to.equal(400);
  });

  it('a change replaces the title and text and says who made it; a change onto another title of the language is refused and changes nothing', async () => {
    const tag = newTag();
    await save(ctx.arabicMediator, { language: 'ar', title: `Orari dello sportello ${tag}`, text: OFFICE_HOURS_AR });
    await save(ctx.admin, { language: 'ar', title: `Appuntamento in Questura ${tag}`, text: 'يجب حجز موعد في مركز الشرطة.' });
    const [hours] = (await api(ctx.arabicMediator, 'GET', '?language=ar')).body.items.filter((r: SavedReply) => r.title === `Orari dello sportello ${tag}`) as SavedReply[];
    const changedText = `${OFFICE_HOURS_AR} يوم الخميس أيضا من 15 إلى 17.`;

    const changed = await api(ctx.admin, 'PUT', `/${hours!.id}`, { language: 'ar', title: `Orari dello sportello (estate) ${tag}`, text: changedText });

    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body).to.include({ id: hours!.id, title: `Orari dello sportello (estate) ${tag}`, text: changedText, createdBy: ctx.arabicMediator.user.id, updatedBy: ctx.admin.user.id });
    const clash = await api(ctx.arabicMediator, 'PUT', `/${hours!.id}`, { language: 'ar', title: `appuntamento in questura ${tag}`, text: 'نص' });
    expect(clash.status).to.equal(409);
    expect((await api(ctx.arabicMediator, 'GET', `/${hours!.id}`)).body).to.include({ title: `Orari dello sportello (estate) ${tag}`, text: changedText });
    const moved = await api(ctx.arabicMediator, 'PUT', `/${hours!.id}`, { language: 'zh-Hans', title: 'Spostata', text: '你好' });
    expect(moved.status, 'a mediator cannot move one into a language not theirs').to.equal(403);
  });

  it('a mediator answers a citizen with a saved reply: the text reaches the citizen’s chat as it was saved', async () => {
    const tag = newTag();
    await save(ctx.chineseMediator, { language: 'zh-Hans', title: `Documenti per il rinnovo ${tag}`, text: DOCUMENTS_ZH });
    const chat = citizenChat(7);
    const question = buildQuestion('你好，续签居留许可要带什么材料？');
    await citizenWrites(ctx, chat, question);
    const conversation = await conversationWith(ctx, question);
    const [documents] = (await api(ctx.chineseMediator, 'GET', `?language=${String(conversation.language)}`)).body.items.filter((r: SavedReply) => r.title === `Documenti per il rinnovo ${tag}`) as SavedReply[];

    const reply = await call(ctx.stack, 'POST', `/api/v1/inbox/conversations/${String(conversation.id)}/replies`, { headers: ctx.chineseMediator.headers, body: { text: documents!.text } });

    expect(reply.status, JSON.stringify(reply.body)).to.equal(202);
    const ours = await waitForOurMessages(ctx, chat, (sent) => sent.some((m) => m.text === DOCUMENTS_ZH));
    expect(ours.filter((m) => m.text === DOCUMENTS_ZH), 'once, as saved').to.have.length(1);
  });

  it('deleting one removes it for everyone; every change is in the audit trail, with language and title, never a citizen', async () => {
    const tag = newTag();
    const doomed = await save(ctx.chineseMediator, { language: 'zh-Hans', title: `Da cancellare ${tag}`, text: '再见' });

    expect((await api(ctx.chineseMediator, 'DELETE', `/${doomed.id}`)).status).to.equal(204);

    expect((await api(ctx.admin, 'GET', `/${doomed.id}`)).status).to.equal(404);
    expect((await api(ctx.chineseMediator, 'DELETE', `/${doomed.id}`)).status).to.equal(404);
    expect(await titles(ctx.viewer, '?language=zh-Hans')).to.not.include(`zh-Hans:Da cancellare ${tag}`);
    const audit = await call(ctx.stack, 'GET', `/api/v1/audit?targetType=inbox_saved_reply&targetId=${doomed.id}`, { headers: ctx.admin.headers });
    expect(audit.status).to.equal(200);
    const entries = (audit.body.items as Array<{ action: string; actor: { id: string }; details: Record<string, unknown> }>).map((e) => ({ action: e.action, details: e.details }));
    expect(entries).to.deep.equal([
      { action: 'inbox.saved_reply_deleted', details: { language: 'zh-Hans', title: `Da cancellare ${tag}` } },
      { action: 'inbox.saved_reply_created', details: { language: 'zh-Hans', title: `Da cancellare ${tag}` } },
    ]);
  });
});

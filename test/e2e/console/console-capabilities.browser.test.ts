import { expect } from 'chai';
import { openSession, signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { waitForAsync } from '../../support/wait-for.js';
import { startDemoConsole, type ConsoleTab, type DemoConsole } from './demo-console.js';

/**
 * What the API can do, done from the console: editing a notice with a conflict shown as such, its history,
 * a notice from the content library, scheduling, a conversation's language, a group created and deleted, one's
 * own password, and lists longer than a page.
 */
describe('staff console in a browser: every capability of the API', function () {
  this.timeout(300_000);
  let demo: DemoConsole;
  let admin: SignedInUser;
  let editor: SignedInUser;
  const tabs: ConsoleTab[] = [];

  before(async () => {
    demo = await startDemoConsole();
    admin = await signInAs(demo.stack, 'admin');
    editor = await signInAs(demo.stack, 'editor');
  });
  afterEach(async () => {
    for (const tab of tabs.splice(0)) await tab.context.close();
  });
  after(async () => demo?.stop());

  async function tabOf(who: SignedInUser): Promise<ConsoleTab> {
    const tab = await demo.openTab();
    tabs.push(tab);
    await tab.signIn({ email: who.user.email, password: who.password });
    return tab;
  }

  const newNotice = async (title: string) => {
    const created = await call(demo.stack, 'POST', '/api/v1/announcements', { headers: editor.headers, body: { title, body: 'Testo di prova.', topics: ['desk'], targetLanguages: ['ar'] } });
    expect(created.status).to.equal(201);
    return String(created.body.id);
  };

  it('two editors change the same notice: the second save is a conflict, said plainly, the typed text kept; taking the latest version and saving works; the history says it in words', async () => {
    const id = await newNotice('Orari di dicembre');
    const first = await tabOf(editor);
    const second = await tabOf(editor);
    for (const tab of [first, second]) {
      await tab.open(`#/announcements/${id}`);
      await tab.page.click('#edit-announcement summary');
    }
    // The second starts writing; meanwhile the first saves a change.
    await second.page.fill('#edit-announcement textarea[name=body]', 'Il 24 dicembre lo sportello chiude alle 12.');
    await first.page.fill('#edit-announcement input[name=title]', 'Orari di dicembre (aggiornati)');
    await first.page.click('#edit-announcement button[name=save-announcement]');
    await first.page.waitForSelector('#announcer:text("Modifiche salvate.")');

    await second.page.click('#edit-announcement button[name=save-announcement]');
    const conflict = await second.page.waitForSelector('#edit-announcement .error');
    expect(await conflict.textContent()).to.contain('Qualcun altro ha modificato questo avviso').and.contain('il tuo testo è ancora qui');
    expect(await second.page.inputValue('#edit-announcement textarea[name=body]')).to.equal('Il 24 dicembre lo sportello chiude alle 12.');

    await second.page.click('#edit-announcement button[name=take-latest]');
    expect(await second.page.inputValue('#edit-announcement input[name=title]')).to.equal('Orari di dicembre (aggiornati)');
    await second.page.fill('#edit-announcement textarea[name=body]', 'Il 24 dicembre lo sportello chiude alle 12.');
    await second.page.click('#edit-announcement button[name=save-announcement]');
    await second.page.waitForSelector('#announcer:text("Modifiche salvate.")');
    const stored = (await call(demo.stack, 'GET', `/api/v1/announcements/${id}`, { headers: editor.headers })).body;
    expect(stored.translations.it).to.include({ title: 'Orari di dicembre (aggiornati)', body: 'Il 24 dicembre lo sportello chiude alle 12.' });

    await second.page.click('#history summary');
    await second.page.waitForSelector('#history li[data-action=edited]');
    const lines = await second.page.$$eval('#history li', (items) => items.map((li) => li.textContent ?? ''));
    expect(lines.some((line) => /ha modificato il testo/.test(line))).to.equal(true);
    expect(lines.join(' ')).not.to.match(/[0-9a-f]{24}/);
  });

  it('an editor starts a notice from the content library, makes it urgent, then schedules it for later', async () => {
    const tab = await tabOf(editor);
    await tab.menu('nav-new');
    const template = 'section#templates li[data-template="residence-permit-renewal"]';
    await tab.page.click(`${template} button[name=use-template]`);
    await tab.page.waitForSelector('#announcement h1:text("Rinnovo del permesso di soggiorno")');
    const id = /#\/announcements\/([0-9a-f]{24})$/.exec(tab.page.url())![1]!;

    // Its translations come as drafts for the mediators: scheduled now, the page says why not.
    await tab.page.click('#announcement button[name=publish]');
    expect(await (await tab.page.waitForSelector('#announcement .error')).textContent()).to.contain('Traduzioni non ancora approvate');
    // Made urgent (it may then go before the approvals), it is scheduled for later.
    await tab.page.click('#edit-announcement summary');
    await tab.page.selectOption('#edit-announcement select[name=priority]', 'urgent');
    await tab.page.click('#edit-announcement button[name=save-announcement]');
    await tab.page.waitForSelector('#announcement .chip.urgent');
    const later = new Date(Date.now() + 3 * 86_400_000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await tab.page.fill('#announcement input[name=scheduledAt]', local);
    await tab.page.click('#announcement button[name=publish]');
    await tab.page.waitForSelector('#announcement .chip:text("programmato")');
    const stored = (await call(demo.stack, 'GET', `/api/v1/announcements/${id}`, { headers: editor.headers })).body;
    expect(stored.status).to.equal('scheduled');
    expect(stored.templateId).to.equal('residence-permit-renewal');
    expect(new Date(stored.scheduledAt).toISOString().slice(0, 16)).to.equal(new Date(local).toISOString().slice(0, 16));
  });

  it('a conversation guessed in the wrong language is moved to the right one from its page', async () => {
    const chat = '393330000099@c.us';
    const wrote = await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/chats', { headers: admin.headers, body: { chatId: chat, name: 'Olena' } });
    expect(wrote.status).to.equal(201);
    await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', { headers: admin.headers, body: { chatId: chat, senderId: chat, senderName: 'Olena', text: 'Buongiorno, vorrei informazioni sul permesso di soggiorno per lavoro.' } });
    const conversation = (await call(demo.stack, 'GET', '/api/v1/inbox/conversations', { headers: admin.headers })).body.items.find((c: { displayName?: string }) => c.displayName === 'Olena');
    const tab = await tabOf(admin);
    await tab.open(`#/inbox/${conversation.id}`);
    await tab.page.selectOption('#conversation-language select', 'uk');
    await tab.page.click('#conversation-language button[name=change-language]');
    await tab.page.waitForSelector('#conversation h1:has-text("(uk)")');
    expect((await call(demo.stack, 'GET', `/api/v1/inbox/conversations/${conversation.id}`, { headers: admin.headers })).body.language).to.equal('uk');
  });

  it('an answer the platform refused shows as failed with the reason; "Riprova" sends it and the citizen gets it', async () => {
    const chat = '393330000098@c.us';
    await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/chats', { headers: admin.headers, body: { chatId: chat, name: 'Samir' } });
    await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', { headers: admin.headers, body: { chatId: chat, senderId: chat, senderName: 'Samir', text: 'مرحبا، متى يفتح المكتب؟' } });
    const conversation = (await call(demo.stack, 'GET', '/api/v1/inbox/conversations', { headers: admin.headers })).body.items.find((c: { displayName?: string }) => c.displayName === 'Samir');
    // The acknowledgement has gone; only the answer into Samir's chat fails (the notices going out meanwhile are not touched).
    await waitForAsync(async () => {
      const thread = (await call(demo.stack, 'GET', `/api/v1/simulator/sim-whatsapp/chats/${encodeURIComponent(chat)}/messages`, { headers: admin.headers })).body as Array<{ fromUs: boolean }>;
      return thread.some((m) => m.fromUs) || undefined;
    }, 'the acknowledgement in the chat', 30_000);
    const armed = await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/faults', { headers: admin.headers, body: { failNext: { count: 1, kind: 'permanent', chatId: chat } } });
    expect(armed.status).to.equal(202);
    const tab = await tabOf(admin);
    await tab.open(`#/inbox/${conversation.id}`);
    await tab.page.fill('#reply textarea', 'Lo sportello apre domani alle 9.');
    await tab.page.click('#reply button[type=submit]');

    await tab.page.waitForSelector('#timeline li[data-state=failed]:has-text("Lo sportello apre domani") button[name=retry-outbound]');
    await tab.page.click('#timeline li[data-state=failed] button[name=retry-outbound]');
    await tab.page.waitForSelector('#timeline li[data-state=sent]:has-text("Lo sportello apre domani")');
    const thread = (await call(demo.stack, 'GET', `/api/v1/simulator/sim-whatsapp/chats/${encodeURIComponent(chat)}/messages`, { headers: admin.headers })).body as Array<{ text: string; fromUs: boolean }>;
    expect(thread.filter((m) => m.fromUs && m.text.includes('Lo sportello apre domani'))).to.have.length(1);
  });

  it('an editor registers a group by hand and deletes it after confirming', async () => {
    const tab = await tabOf(editor);
    await tab.menu('nav-groups');
    await tab.page.selectOption('#new-group select[name=account]', 'sim-whatsapp');
    await tab.page.fill('#new-group input[name=chatId]', '120363000000000077@g.us');
    await tab.page.fill('#new-group input[name=name]', 'Comunità ucraina');
    await tab.page.selectOption('#new-group select[name=language]', 'uk');
    await tab.page.click('#new-group button[type=submit]');
    const row = await tab.page.waitForSelector('#groups tr:has-text("Comunità ucraina")');
    const id = await row.getAttribute('data-group');
    tab.page.once('dialog', (dialog) => void dialog.accept());
    await tab.page.click(`#groups tr[data-group="${id}"] button[name=delete-group]`);
    await tab.page.waitForSelector(`#groups tr[data-group="${id}"]`, { state: 'detached' });
    expect((await call(demo.stack, 'GET', `/api/v1/groups/${id}`, { headers: editor.headers })).status).to.equal(404);
  });

  it('a person changes their own password: a wrong current one is refused on the page; then only the new one signs in', async () => {
    const mediator = await signInAs(demo.stack, 'mediator', { languages: ['zh-Hans'] });
    const tab = await tabOf(mediator);
    await tab.menu('nav-account');
    const fresh = 'un-nuovo-segreto-lungo-2026';
    await tab.page.fill('#change-password input[name=currentPassword]', 'non-la-password-giusta');
    await tab.page.fill('#change-password input[name=newPassword]', fresh);
    await tab.page.fill('#change-password input[name=repeat]', fresh);
    await tab.page.click('#change-password button[type=submit]');
    await tab.page.waitForSelector('#change-password .error');
    await tab.page.fill('#change-password input[name=currentPassword]', mediator.password);
    await tab.page.fill('#change-password input[name=newPassword]', fresh);
    await tab.page.fill('#change-password input[name=repeat]', fresh);
    await tab.page.click('#change-password button[type=submit]');
    await tab.page.waitForSelector('#announcer:text("Password cambiata.")');
    await openSession(demo.stack, { email: mediator.user.email, password: fresh });
    const old = await call(demo.stack, 'POST', '/api/v1/auth/login', { body: { email: mediator.user.email, password: mediator.password } });
    expect(old.status).to.equal(401);
  });

  it('a list longer than a page goes on with “Mostra altri”, and the audit log reads in words', async () => {
    for (let n = 0; n < 52; n += 1) await newNotice(`Avviso numero ${n}`);
    const tab = await tabOf(admin);
    await tab.menu('nav-list');
    await tab.page.waitForSelector('#announcements');
    const before = (await tab.page.$$('#announcements tbody tr')).length;
    expect(before).to.equal(50);
    await tab.page.click('#announcements-more');
    await tab.page.waitForSelector('#announcements tbody tr:nth-child(51)');
    expect(await tab.page.textContent('#announcements')).to.contain('Avviso numero 0');

    await tab.menu('nav-audit');
    await tab.page.waitForSelector('#audit tr[data-action="auth.login"]');
    expect(await tab.page.textContent('#audit tr[data-action="auth.login"] td:nth-child(3)')).to.equal('è entrato nella console');
    expect(await tab.page.textContent('#audit')).not.to.match(/[0-9a-f]{24}/);
  });
});

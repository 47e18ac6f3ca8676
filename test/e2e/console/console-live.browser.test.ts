import { expect } from 'chai';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { signInAs, type SignedInUser } from '../../support/auth.js';
import { call } from '../../support/http.js';
import { startDemoConsole, type ConsoleTab, type DemoConsole } from './demo-console.js';

/**
 * A TCP relay between the browser and the service, which the test can cut (every open connection dropped) and
 * keep cut (new ones refused) as a network outage would.
 */
class Relay {
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(port = 0): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    this.#server.listen(port, '127.0.0.1');
    await once(this.#server, 'listening');
    this.port = (this.#server.address() as { port: number }).port;
  }

  /** Drops every connection and refuses new ones until `open` again. */
  async cut(): Promise<void> {
    const closed = this.#server ? new Promise((resolve) => this.#server!.close(resolve)) : Promise.resolve();
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }
}

/**
 * The console follows the live stream: a second person's change shows without reloading (and text being typed
 * meanwhile stays), a dropped stream reconnects by itself and catches up on what happened while it was down.
 */
describe('staff console in a browser: live updates', function () {
  this.timeout(240_000);
  let demo: DemoConsole;
  let editor: SignedInUser;
  let arabicMediator: SignedInUser;

  before(async () => {
    demo = await startDemoConsole();
    editor = await signInAs(demo.stack, 'editor');
    arabicMediator = await signInAs(demo.stack, 'mediator', { languages: ['ar'] });
  });
  after(async () => demo?.stop());

  it('a second person’s approval shows on the first one’s open notice without reloading, and the text the first is typing stays', async () => {
    const created = await call(demo.stack, 'POST', '/api/v1/announcements', {
      headers: editor.headers,
      body: { title: 'Chiusura per festività', body: 'Lo sportello è chiuso l’8 dicembre.', topics: ['desk'], targetLanguages: ['ar', 'zh-Hans'] },
    });
    const id = String(created.body.id);
    const first: ConsoleTab = await demo.openTab();
    const second: ConsoleTab = await demo.openTab();
    await first.signIn({ email: editor.user.email, password: editor.password });
    await first.open(`#/announcements/${id}`);
    await first.page.fill('section.translation[data-lang="zh-Hans"] input[name=title]', '节日关闭');

    await second.signIn({ email: arabicMediator.user.email, password: arabicMediator.password });
    await second.open(`#/announcements/${id}`);
    await second.page.fill('section.translation[data-lang=ar] input[name=title]', 'إغلاق بمناسبة العطلة');
    await second.page.fill('section.translation[data-lang=ar] textarea[name=body]', 'المكتب مغلق يوم 8 ديسمبر.');
    await second.page.click('section.translation[data-lang=ar] button[name=save]');
    await second.page.waitForSelector('section.translation[data-lang=ar] button[name=approve]');
    await second.page.click('section.translation[data-lang=ar] button[name=approve]');

    // The editor's page shows it, with no reload; what they were typing in another card is still there.
    await first.page.waitForSelector('section.translation[data-lang=ar] .chip.approved');
    // Who receives it follows: the Arabic groups now get the approved translation.
    await first.page.waitForSelector('#reach tr[data-lang=ar] td[data-field=verdict] .chip.approved');
    expect(await first.page.inputValue('section.translation[data-lang=ar] input[name=title]')).to.equal('إغلاق بمناسبة العطلة');
    expect(await first.page.inputValue('section.translation[data-lang="zh-Hans"] input[name=title]')).to.equal('节日关闭');
    expect(first.violations.concat(second.violations)).to.deep.equal([]);
    await first.context.close();
    await second.context.close();
  });

  it('a dropped stream reconnects by itself and catches up: a question asked while it was down appears in the queue', async () => {
    const relay = new Relay({ host: '127.0.0.1', port: Number(new URL(demo.stack.url).port) });
    await relay.open();
    const tab = await demo.openTab({ baseUrl: `http://127.0.0.1:${relay.port}` });
    await tab.signIn(demo.admin);
    await tab.menu('nav-inbox');
    await tab.page.waitForSelector('#live-state.live-live');

    await relay.cut();
    await tab.page.waitForSelector('#live-state.live-reconnecting');
    const question = 'Buongiorno, posso prenotare un appuntamento per il rinnovo?';
    const asked = await call(demo.stack, 'POST', '/api/v1/simulator/sim-whatsapp/inbound', {
      headers: (await signInAs(demo.stack, 'admin')).headers,
      body: { chatId: '393330000001@c.us', senderId: '393330000001@c.us', senderName: 'Ahmed', text: question },
    });
    expect(asked.status).to.equal(201);

    await relay.open(relay.port);
    await tab.page.waitForSelector('#live-state.live-live');
    await tab.page.waitForSelector(`#conversations td[data-field=last-message]:has-text("${question.slice(0, 30)}")`);
    expect(tab.violations.filter((v) => !/ERR_|net::/.test(v))).to.deep.equal([]);
    await tab.context.close();
    await relay.cut();
  });
});

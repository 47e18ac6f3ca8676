import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/service-process.js';
import { startTestStack, type TestStack } from '../../support/stack.js';

/** Someone who signs in on the console's page. */
export interface Credentials {
  email: string;
  password: string;
}

/** The service started as `npm run demo` starts it (demo mode: sample data, simulated accounts), and a Chromium. */
export interface DemoConsole {
  stack: TestStack;
  /** The demo's admin, as the demo prints it. */
  admin: Credentials;
  browser: Browser;
  /** A fresh browser context (its own cookies: another person, or the same one on another computer) on the console. */
  openTab(options?: { width?: number; height?: number; zoom?: number; baseUrl?: string }): Promise<ConsoleTab>;
  stop(): Promise<void>;
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** CSP refusals and uncaught script errors seen so far. */
  violations: string[];
  signIn(who: Credentials): Promise<void>;
  /** Opens a console route (`#/inbox`) by its address, as a bookmark would. */
  open(hash: string): Promise<void>;
  /** Goes to a page from the menu, as a person does, and waits for its heading. */
  menu(id: string): Promise<void>;
}

export async function startDemoConsole(env: Record<string, string> = {}): Promise<DemoConsole> {
  const stack = await startTestStack({ SPORTELLO_MODE: 'demo', ...env });
  const demo = stack.running.demoCredentials;
  if (!demo) throw new Error('the demo printed no admin credentials');
  const browser = await chromium.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' });
  return {
    stack,
    admin: { email: demo.email, password: demo.password },
    browser,
    async openTab(options = {}) {
      const base = options.baseUrl ?? stack.url;
      const zoom = options.zoom ?? 1;
      // 200 % zoom is a viewport half as wide in CSS pixels, drawn with twice the pixels.
      const context = await browser.newContext({
        viewport: { width: Math.round((options.width ?? 1280) / zoom), height: Math.round((options.height ?? 900) / zoom) },
        deviceScaleFactor: zoom,
      });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
      return {
        context,
        page,
        violations,
        async signIn(who) {
          await page.goto(new URL('/console/', base).href);
          await page.fill('#login input[name=email]', who.email);
          await page.fill('#login input[name=password]', who.password);
          await page.click('#login button[type=submit]');
          await page.waitForSelector('#nav');
        },
        async open(hash) {
          await page.goto(new URL(`/console/${hash}`, base).href);
          await page.waitForSelector('main h1');
        },
        async menu(id) {
          await page.click(`#${id}`);
          await page.waitForSelector(`#${id}[aria-current=page]`);
          await page.waitForSelector('main h1');
        },
      };
    },
    async stop() {
      await browser.close();
      await stack.stop();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page as it is now, one line each. axe is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (a `<script>` tag it would refuse).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  // Browser-side code as a string: the tests compile without the DOM's types.
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')))`)) as string[];
  return found;
}

/** A screenshot of the whole page under test-output/screenshots/, for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = join(PROJECT_ROOT, 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Whether the page scrolls sideways (wider than its window). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
}

/** Waits until the keyboard focus is on the page's `<h1>` (where a navigation leaves it). */
export async function waitForHeadingFocus(page: Page): Promise<void> {
  // A function, not a string: the page's CSP forbids evaluating strings, the DevTools protocol's call does not.
  await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { tagName: string } | null } }).document.activeElement?.tagName === 'H1');
}

import { chromium, type Browser, type Page } from 'playwright-core';
import type { SignedInUser } from './auth.js';

/** Real Chromium on the staff console, recording CSP violations and script errors for the test to check. */
export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** CSP refusals and uncaught script errors seen so far. */
  violations: string[];
  signIn(who: SignedInUser): Promise<void>;
  signOut(): Promise<void>;
  /** Opens a console route (`#/inbox`, `#/announcements/<id>`, …) in the signed-in page. */
  open(hash: string): Promise<void>;
}

export async function openConsoleBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return {
    browser,
    page,
    violations,
    async signIn(who) {
      await page.goto(new URL('/console/', baseUrl).href);
      await page.fill('#login input[name=email]', who.user.email);
      await page.fill('#login input[name=password]', who.password);
      await page.click('#login button[type=submit]');
      await page.waitForSelector('#nav:not([hidden])');
    },
    async signOut() {
      await page.click('#logout');
      await page.waitForSelector('#login');
    },
    async open(hash) {
      await page.goto(new URL(`/console/${hash}`, baseUrl).href);
    },
  };
}

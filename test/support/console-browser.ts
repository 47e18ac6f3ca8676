import { chromium, type Browser, type Page } from 'playwright-core';
import type { SignedInUser } from './auth.js';

/** Real Chromium on the staff console, recording CSP violations and script errors for the test to check. */
export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** CSP refusals and uncaught script errors seen so far. */
  violations: string[];
  /** Signs in as `who`, whoever was signed in before. */
  signIn(who: SignedInUser): Promise<void>;
  signOut(): Promise<void>;
  /** Opens a console route (`#/inbox`, `#/announcements/<id>`, …) in the signed-in page. */
  open(hash: string): Promise<void>;
  /**
   * Signs in as `who` and opens each route until its selector shows: the pages' scripts and styles have run under
   * the CSP, so a closing "no violation" check has something to check even when it runs alone.
   */
  visit(who: SignedInUser, pages: Array<[hash: string, shown: string]>): Promise<void>;
}

export async function openConsoleBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  const chrome: ConsoleBrowser = {
    browser,
    page,
    violations,
    async signIn(who) {
      // Whoever was signed in before (an earlier test, or nobody when a test runs alone): the sign-in form either way.
      await page.context().clearCookies();
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
    async visit(who, pages) {
      await chrome.signIn(who);
      for (const [hash, shown] of pages) {
        await chrome.open(hash);
        await page.waitForSelector(shown);
      }
      await chrome.signOut();
    },
  };
  return chrome;
}

/**
 * Chromium for browser tests: Debian's build at /usr/bin/chromium driven by
 * playwright-core (Playwright cannot download its own browsers here), plus
 * small helpers for polling the page the way a person would look at it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** How long and how often to look again for what a person would wait to see on the page. */
export const POLL = { timeout: 15_000, interval: 100 };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface PersonOptions {
  baseURL: string;
  /** Viewport width in CSS pixels: 1280 for a laptop, 768 for a tablet. */
  width?: number;
  height?: number;
}

/**
 * A separate browser context per person: own cookies, own storage, and no
 * BroadcastChannel between them, so everything they share goes through the server.
 */
export async function newPerson(
  browser: Browser,
  options: PersonOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Collects the page's console errors and uncaught exceptions, to print when a test fails. A failed load
 * says which address failed (Chromium's text does not), so a test can tell a socket.io poll refused
 * after a restart from an API answer.
 */
export function recordPageErrors(page: Page, label: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`[${label}] uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    const where = url && /^Failed to load resource/.test(message.text()) ? ` (${url})` : '';
    errors.push(`[${label}] console: ${message.text()}${where}`);
  });
  return errors;
}

/**
 * Resolves once Lexical has taken the caret where the browser shows it. Lexical
 * reads a caret move (End, a click) on the browser's next "selectionchange",
 * and handles Enter with the selection it last read; a test pressing keys
 * faster than any person can otherwise split a paragraph in the wrong place.
 */
export async function lexicalCaretSettled(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          type Point = { offset: number };
          type WithEditor = Element & {
            __lexicalEditor?: { getEditorState(): { _selection: { anchor?: Point; focus?: Point } | null } };
          };
          const dom = document.getSelection();
          const node = dom?.anchorNode;
          const element = node instanceof Element ? node : node?.parentElement;
          const root = element?.closest('[contenteditable="true"]') as WithEditor | null | undefined;
          const lexical = root?.__lexicalEditor?.getEditorState()._selection;
          return (
            dom !== null && lexical?.anchor?.offset === dom.anchorOffset && lexical.focus?.offset === dom.focusOffset
          );
        }),
      { timeout: 10_000 },
    )
    .toBe(true);
}

/**
 * Elements inside `selector` that stick out past its right edge, and whether
 * the page scrolls sideways: what a person sees as a card cut off at the edge.
 */
export function overflowsOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page scrolls sideways (${root.scrollWidth}px)`);
    const container = document.querySelector(sel);
    if (!container) return [`nothing matches ${sel}`];
    const right = container.getBoundingClientRect().right;
    for (const el of container.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > right + 0.5) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return found;
  }, selector);
}

/** Signs a browser context in with a session cookie made through the API (`name=value`), as the server sets it. */
export async function signInWithCookie(context: BrowserContext, url: string, cookie: string): Promise<void> {
  const [name = '', value = ''] = cookie.split(/=(.*)/s);
  await context.addCookies([{ name, value, url, httpOnly: true, sameSite: 'Lax' }]);
}

/** A person in a context of their own, signed in with a session cookie made through the API. */
export async function newSignedInPerson(
  browser: Browser,
  options: PersonOptions & { cookie: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const person = await newPerson(browser, options);
  await signInWithCookie(person.context, options.baseURL, options.cookie);
  return person;
}

/**
 * Several people, each in their own signed-in context at 1280 px, with every page's errors recorded in
 * `errors`; `close()` closes them all.
 */
export function browserPeople(browser: Browser, baseURL: string) {
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    errors,
    async as(cookie: string, label: string): Promise<Page> {
      const person = await newSignedInPerson(browser, { baseURL, cookie, width: 1280 });
      contexts.push(person.context);
      errors.push(...recordPageErrors(person.page, label));
      return person.page;
    },
    async close(): Promise<void> {
      for (const context of contexts) await context.close();
    },
  };
}

/** Chromium DevTools' "Fast 3G" as this project holds it: ~1.6 Mbps down, 750 Kbps up, 150 ms latency. */
export const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1000 * 1000) / 8,
  uploadThroughput: (750 * 1000) / 8,
};

/**
 * Throttles the page's network through the DevTools protocol and counts the
 * bytes that cross it (as sent, so compressed when the server compressed them).
 */
export async function throttle(
  page: Page,
  conditions: typeof FAST_3G = FAST_3G,
): Promise<{ transferredBytes: () => number; requests: () => number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', conditions);
  let bytes = 0;
  let count = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    count += 1;
  });
  return { transferredBytes: () => bytes, requests: () => count };
}

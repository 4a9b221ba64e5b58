import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { TestApp } from '../support/test-app';
import { useWorld } from '../support/world';

export const CHROMIUM = process.env.GATEHOUSE_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** The real app (createApp via TestApp) on a fresh database, listening on a free loopback port. */
export async function startServer(env: Record<string, string> = {}): Promise<{ t: TestApp; baseUrl: string }> {
  const t = await TestApp.start(env);
  return { t, baseUrl: await listening(t) };
}

async function listening(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** useWorld for browsers: the app listening (with `scene` made on it) for the file's tests, and `open` as useBrowsers gives it. */
export function useWebApp<S extends object>(scene: (t: TestApp) => Promise<S>, env: Record<string, string> = {}): { t: TestApp; s: S; open: () => Promise<Browser> } {
  let baseUrl = '';
  // First, so that its afterAll closes the browsers before useWorld's closes the app.
  const open = useBrowsers(() => baseUrl);
  const world = useWorld(async (t) => {
    baseUrl = await listening(t);
    return scene(t);
  }, env);
  return { ...world, open };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Bytes of script the browser fetched so far. */
  scriptBytes(): number;
  /** Uncaught script errors and Content-Security-Policy violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** One person's browser: its own profile (fresh --user-data-dir), so its own cookies. */
export async function openBrowser(baseUrl: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let scripts = 0;
  context.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      void response.body().then((body) => (scripts += body.length)).catch(() => undefined);
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return {
    context,
    page,
    scriptBytes: () => scripts,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * `open()` gives one more person's browser on the app at `baseUrl()`. After each test no browser may have
 * seen a script error or a Content-Security-Policy violation; after the file all are closed. Call it before
 * the file's own afterAll, so the browsers close before the server.
 */
export function useBrowsers(baseUrl: () => string): () => Promise<Browser> {
  const browsers: Browser[] = [];
  afterEach(() => {
    for (const browser of browsers) expect(browser.problems).toEqual([]);
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });
  return async () => {
    const browser = await openBrowser(baseUrl());
    browsers.push(browser);
    return browser;
  };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /^Sign out/ }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Every visible form control has a label (or an aria-label): what a screen reader user needs. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  // A string, because this project's TypeScript has no DOM types; it runs in the page.
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
    .map((el) => el.name || el.outerHTML.slice(0, 60))`);
}

/** A complete 1x1 PNG that a browser can decode (the integration tests' PNG is only a header). */
export const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** True once the image has loaded and decoded (a broken image has no natural width). */
export async function rendered(image: Locator): Promise<boolean> {
  await image.waitFor();
  return image.evaluate((el) => {
    // Runs in the page; typed loosely because the project compiles without the DOM library.
    const img = el as unknown as { complete: boolean; naturalWidth: number; addEventListener(type: string, listener: () => void, options: { once: boolean }): void };
    const done = () => img.complete && img.naturalWidth > 0;
    return done() || new Promise<boolean>((resolve) => {
      img.addEventListener('load', () => resolve(done()), { once: true });
      img.addEventListener('error', () => resolve(false), { once: true });
    });
  });
}

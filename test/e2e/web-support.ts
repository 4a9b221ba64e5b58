import { readFileSync } from 'fs';
import { join } from 'path';
import { Page } from 'playwright-core';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const AXE_SOURCE = readFileSync(join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * axe-core's violations on the page as it stands. Evaluated through the DevTools protocol, which the
 * page's Content-Security-Policy does not govern, so the CSP under test stays as strict as in production.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('Boolean(window.axe)'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
}

/** Serious and critical violations, plus the rules the issue names (heading jumps, empty table headers). */
export async function accessibilityProblems(page: Page): Promise<AxeViolation[]> {
  const named = ['heading-order', 'empty-table-header'];
  return (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical' || named.includes(v.id));
}

/** What the person sees in the main area. */
export const mainText = (page: Page) => page.locator('main').innerText();

/** True when the page is wider than the screen (something hides off to the side). */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');

/** The label text of the element that has keyboard focus. */
export const focusedLabel = (page: Page): Promise<string> =>
  page.evaluate(`(() => { const el = document.activeElement; return el && el.labels && el.labels[0] ? el.labels[0].textContent : (el ? el.tagName : ''); })()`);

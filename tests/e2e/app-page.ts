import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/*
 * What a walk through the app may do, in every lane: the part of Playwright's Page and Locator a
 * person's steps need. Playwright's own objects are one implementation (Chromium, Firefox); the
 * WebKit lane's WebDriver pages are the other (tests/e2e/webkit/webkit-page.ts). A walk written
 * against these runs unchanged in all three lanes.
 */

export type Role = Parameters<Page['getByRole']>[0];
export interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
}

export interface Scope {
  getByRole(role: Role, options?: RoleOptions): Seen;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Seen;
}

/** Something on the screen, found again at each use (as a Locator is). */
export interface Seen extends Scope {
  filter(options: { hasText: string | RegExp }): Seen;
  first(): Seen;
  nth(index: number): Seen;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  /** Chooses the option whose value is `value` in a select, as Playwright's selectOption does. */
  selectOption(value: string): Promise<unknown>;
  press(key: string): Promise<void>;
  focus(): Promise<void>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  inputValue(): Promise<string>;
}

export interface AppPage extends Scope {
  goto(path: string): Promise<unknown>;
  reload(): Promise<unknown>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

/** A lane's pages also say what Playwright's matchers ask of a Locator. */
export interface Inspectable extends Seen {
  isFocused(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  description(): Promise<string>;
}

const isLocator = (seen: Seen): seen is Locator & Seen => !('isFocused' in seen);
const inspectable = (seen: Seen): Inspectable => seen as Inspectable;

interface Wait {
  timeout?: number;
}

/*
 * The assertions of a walk. On a Locator they are Playwright's own (with its messages and traces);
 * elsewhere the same condition is polled.
 */

export async function expectVisible(seen: Seen, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toBeVisible(options);
  else await expect.poll(() => seen.isVisible(), { message: 'visible', ...options }).toBe(true);
}

export async function expectCount(seen: Seen, count: number, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toHaveCount(count, options);
  else await expect.poll(() => seen.count(), { message: 'count', ...options }).toBe(count);
}

export const expectGone = (seen: Seen, options?: Wait): Promise<void> => expectCount(seen, 0, options);

const normalized = async (seen: Seen): Promise<string> =>
  ((await seen.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The whole text is `text` (a RegExp: matches it). */
export async function expectText(seen: Seen, text: string | RegExp, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toHaveText(text, options);
  else if (typeof text === 'string') await expect.poll(() => normalized(seen), options).toBe(text);
  else await expect.poll(() => normalized(seen), options).toMatch(text);
}

export async function expectContainsText(seen: Seen, text: string | RegExp, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toContainText(text, options);
  else if (typeof text === 'string') await expect.poll(() => normalized(seen), options).toContain(text);
  else await expect.poll(() => normalized(seen), options).toMatch(text);
}

export async function expectFocused(seen: Seen, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toBeFocused(options);
  else await expect.poll(() => inspectable(seen).isFocused(), { message: 'focused', ...options }).toBe(true);
}

export async function expectDisabled(seen: Seen, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toBeDisabled(options);
  else await expect.poll(() => inspectable(seen).isDisabled(), { message: 'disabled', ...options }).toBe(true);
}

export async function expectDescription(seen: Seen, text: string, options?: Wait): Promise<void> {
  if (isLocator(seen)) await expect(seen).toHaveAccessibleDescription(text, options);
  else await expect.poll(() => inspectable(seen).description(), options).toBe(text);
}

/** The page's address, in every lane. */
export const urlOf = (app: AppPage): Promise<string> => app.evaluate(() => location.href);

const isPlaywrightPage = (app: AppPage): app is Page & AppPage => 'context' in app;

/** What axe-core finds wrong on the page now, as `{ id, targets }`: the same checks in every lane. */
export async function accessibilityViolations(app: AppPage): Promise<{ id: string; targets: string[] }[]> {
  type Violation = { id: string; nodes: { target: unknown[] }[] };
  let violations: Violation[];
  if (isPlaywrightPage(app)) violations = (await new AxeBuilder({ page: app }).analyze()).violations;
  else {
    const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // axe-core's own bundle, injected as Playwright's AxeBuilder injects it (not through the page's CSP).
    await (app as AppPage & { inject(source: string): Promise<void> }).inject(source);
    violations = await app.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
      return (await axe.run()).violations.map(({ id, nodes }) => ({
        id,
        nodes: nodes.map(({ target }) => ({ target })),
      }));
    });
  }
  return violations.map(({ id, nodes }) => ({ id, targets: nodes.map(({ target }) => JSON.stringify(target)) }));
}

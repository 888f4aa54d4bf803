import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { AppPage, Inspectable, Role, RoleOptions } from '../app-page.ts';
import type { Finder, Step, TextMatch } from './finder.ts';
import { WebDriverError, type ElementRef, type WebDriverSession } from './webdriver.ts';

/** How long an action waits for its one element to be there, visible and enabled. */
const ACTION_TIMEOUT_MS = 15_000;

/** WebDriver's codes for the keys the walks press. */
const KEYS: Record<string, string> = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Space: ' ',
  ArrowLeft: '\uE012',
  ArrowRight: '\uE014',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
};

let finderSource: Promise<string> | undefined;
/** The finder, bundled once per run for injection into pages. */
const bundledFinder = (): Promise<string> =>
  (finderSource ??= build({
    entryPoints: [fileURLToPath(new URL('finder.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'safari17',
  }).then((result) => result.outputFiles[0]?.text ?? ''));

const textMatch = (text: string | RegExp): TextMatch =>
  typeof text === 'string' ? text : { source: text.source, flags: text.flags };

type FinderCall = keyof Finder;

/** A WebDriver session seen through AppPage: what a walk does, done in WebKit. */
export class WebKitPage implements AppPage {
  /**
   * @param onError takes each error the page logged (console errors, uncaught errors, unhandled
   *   rejections): the launcher's user script keeps them in `window.__wkConsole`, read before the page
   *   is left and when the test ends (WebKitGTK writes some of its own messages to stdout, which the
   *   driver reads, but none of a page's console.error calls reached it, measured).
   */
  constructor(
    readonly session: WebDriverSession,
    private readonly baseUrl: string,
    private readonly onError: (text: string) => void = () => undefined,
  ) {}

  /** Hands over the errors the page logged since the last time; a page that is gone has none to give. */
  async collectErrors(): Promise<void> {
    const logged = (await this.session.execute('return (window.__wkConsole || []).splice(0);').catch(() => [])) as {
      type: string;
      text: string;
    }[];
    for (const { type, text } of logged) if (type !== 'console.warn') this.onError(`${type}: ${text}`);
  }

  async goto(path: string): Promise<void> {
    await this.collectErrors();
    await this.session.navigate(new URL(path, this.baseUrl).href);
  }

  async reload(): Promise<void> {
    await this.collectErrors();
    await this.session.refresh();
  }

  /** Runs a script (a library's bundle) in the page as the automation runs its own, outside the page's CSP. */
  async inject(source: string): Promise<void> {
    await this.session.execute(source);
  }

  /** The window has no frame on the lane's display: its size is the viewport's. */
  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    await this.session.setWindowRect(size);
  }

  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  async evaluate<R, A>(fn: (arg?: A) => R | Promise<R>, arg?: A): Promise<R> {
    const outcome = (await this.session.executeAsync(
      `const done = arguments[1];
       Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(
         (value) => done({ ok: true, value }),
         (error) => done({ ok: false, error: String(error && error.name) + ': ' + String(error && error.message) }));`,
      [arg ?? null],
    )) as { ok: true; value: R } | { ok: false; error: string };
    await this.collectErrors();
    if (!outcome.ok) throw new Error(`In the page: ${outcome.error}`);
    return outcome.value;
  }

  getByRole(role: Role, options: RoleOptions = {}): WebKitLocator {
    return new WebKitLocator(this, []).getByRole(role, options);
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): WebKitLocator {
    return new WebKitLocator(this, []).getByText(text, options);
  }

  /**
   * Calls the finder's `call` on the elements `steps` find (or with the elements themselves when
   * `call` is 'find'), injecting the finder into a page that has none yet.
   */
  async find<T>(steps: Step[], call: FinderCall, extra: unknown[] = []): Promise<{ count: number; value?: T }> {
    const body = `const finder = globalThis.__laneFinder;
      if (!finder) return { missing: true };
      const found = finder.find(arguments[0]);
      if (arguments[1] === 'find') return { count: found.length, value: found };
      if (found.length !== 1) return { count: found.length };
      return { count: 1, value: finder[arguments[1]](found[0], ...arguments[2]) };`;
    let answer = (await this.session.execute(body, [steps, call, extra])) as {
      missing?: true;
      count: number;
      value?: T;
    };
    if (answer.missing) {
      await this.inject(await bundledFinder());
      answer = (await this.session.execute(body, [steps, call, extra])) as typeof answer;
    }
    return answer;
  }
}

/** As a Playwright Locator: steps, resolved again at each use; one element for an action. */
export class WebKitLocator implements Inspectable {
  constructor(
    private readonly page: WebKitPage,
    private readonly steps: Step[],
  ) {}

  #then(step: Step): WebKitLocator {
    return new WebKitLocator(this.page, [...this.steps, step]);
  }

  toString(): string {
    return JSON.stringify(this.steps);
  }

  getByRole(role: Role, options: RoleOptions = {}): WebKitLocator {
    return this.#then({
      kind: 'role',
      role,
      name: options.name === undefined ? undefined : textMatch(options.name),
      exact: options.exact,
    });
  }

  getByText(text: string | RegExp, options: { exact?: boolean } = {}): WebKitLocator {
    return this.#then({ kind: 'text', text: textMatch(text), exact: options.exact });
  }

  filter(options: { hasText: string | RegExp }): WebKitLocator {
    return this.#then({ kind: 'hasText', text: textMatch(options.hasText) });
  }

  first(): WebKitLocator {
    return this.nth(0);
  }

  nth(index: number): WebKitLocator {
    return this.#then({ kind: 'nth', index });
  }

  async count(): Promise<number> {
    return (await this.page.find(this.steps, 'find')).count;
  }

  /** The finder's `call` on the one element; more than one is an error, as Playwright's strict mode. */
  async #one<T>(call: FinderCall, ...extra: unknown[]): Promise<T | undefined> {
    const { count, value } = await this.page.find<T>(this.steps, call, extra);
    if (count > 1) throw new Error(`${count} elements match ${this.toString()}`);
    return count === 0 ? undefined : value;
  }

  async isVisible(): Promise<boolean> {
    return (await this.#one<boolean>('isVisible')) ?? false;
  }

  async isFocused(): Promise<boolean> {
    return (await this.#one<boolean>('isFocused')) ?? false;
  }

  async isDisabled(): Promise<boolean> {
    return (await this.#one<boolean>('isDisabled')) ?? false;
  }

  async description(): Promise<string> {
    return (await this.#one<string>('description')) ?? '';
  }

  async textContent(): Promise<string | null> {
    return (await this.#one<string>('text')) ?? null;
  }

  async getAttribute(name: string): Promise<string | null> {
    return this.#onElement((element, attribute) => element.getAttribute(attribute as string), name);
  }

  async inputValue(): Promise<string> {
    return (await this.#onElement((element) => (element as HTMLInputElement).value)) ?? '';
  }

  async focus(): Promise<void> {
    await this.#onElement((element) => (element as HTMLElement).focus());
  }

  /** Runs `fn` on the one element in the page. */
  async #onElement<T>(fn: (element: Element, arg?: unknown) => T, arg?: unknown): Promise<T | null> {
    const element = await this.#element({ visible: false });
    return (await this.page.session.execute(`return (${fn.toString()})(arguments[0], arguments[1]);`, [
      element,
      arg ?? null,
    ])) as T | null;
  }

  /** Waits for exactly one matching element (visible and enabled, for an action) and refers to it. */
  async #element({ visible = true } = {}): Promise<ElementRef> {
    const deadline = Date.now() + ACTION_TIMEOUT_MS;
    let seen = 'nothing';
    for (;;) {
      const { count, value } = await this.page.find<ElementRef[]>(this.steps, 'find');
      if (count > 1) throw new Error(`${count} elements match ${this.toString()}`);
      if (count === 1 && value?.[0]) {
        if (!visible) return value[0];
        const [shown, disabled] = await Promise.all([this.isVisible(), this.isDisabled()]);
        if (shown && !disabled) return value[0];
        seen = shown ? 'disabled' : 'hidden';
      }
      if (Date.now() > deadline) throw new Error(`No visible, enabled element for ${this.toString()} (${seen})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async click(): Promise<void> {
    await this.page.session.click(await this.#element());
  }

  async fill(value: string): Promise<void> {
    const element = await this.#element();
    const typed = (await this.page.session.execute(
      `const input = arguments[0];
       if (['text', 'search', 'email', 'url', 'tel', 'password'].includes(input.type)) return true;
       input.value = arguments[1];
       input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
       input.dispatchEvent(new Event('change', { bubbles: true }));
       return false;`,
      [element, value],
    )) as boolean;
    // Text is typed as a person types it; other inputs (a slider) are set, as Playwright's fill does.
    if (!typed) return;
    await this.page.session.clear(element);
    await this.page.session.sendKeys(element, value);
  }

  async selectOption(value: string): Promise<void> {
    const chosen = (await this.page.session.execute(
      `const select = arguments[0];
       if (![...select.options].some((option) => option.value === arguments[1])) return false;
       select.value = arguments[1];
       select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
       select.dispatchEvent(new Event('change', { bubbles: true }));
       return true;`,
      [await this.#element(), value],
    )) as boolean;
    if (!chosen) throw new Error(`No option "${value}" in ${this.toString()}`);
  }

  async press(key: string): Promise<void> {
    const code = KEYS[key];
    if (code === undefined) throw new WebDriverError(0, 'unknown key', key);
    await this.page.session.sendKeys(await this.#element(), code);
  }
}

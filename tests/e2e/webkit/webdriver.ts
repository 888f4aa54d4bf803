/**
 * A W3C WebDriver (classic) client over `fetch`: the few commands the WebKit lane needs of
 * WebKitWebDriver. (webdriverio would do it with 190 packages; Playwright cannot drive Debian's WebKit.)
 */

/** The key of a web element reference in WebDriver's JSON. */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  [ELEMENT_KEY]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly status: number,
    readonly error: string | undefined,
    message: string,
  ) {
    super(`${error ?? status}: ${message}`);
  }
}

/** Sends one command; a browser that never answers (it failed to start) ends in a timeout, not a hang. */
async function command(url: string, method: string, body?: unknown, timeoutMs = 60_000): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let value: { error?: string; message?: string } | undefined;
  try {
    value = (JSON.parse(text) as { value: typeof value }).value;
  } catch {
    throw new WebDriverError(response.status, undefined, text);
  }
  if (!response.ok || (value && typeof value === 'object' && 'error' in value && value.error)) {
    throw new WebDriverError(response.status, value?.error, value?.message ?? '');
  }
  return value;
}

export class WebDriverSession {
  static async create(driverUrl: string, capabilities: object, timeoutMs: number): Promise<WebDriverSession> {
    const value = (await command(
      `${driverUrl}/session`,
      'POST',
      { capabilities: { alwaysMatch: capabilities } },
      timeoutMs,
    )) as { sessionId: string };
    return new WebDriverSession(`${driverUrl}/session/${value.sessionId}`);
  }

  private constructor(private readonly base: string) {}

  #send(method: string, path: string, body?: unknown): Promise<unknown> {
    return command(this.base + path, method, body);
  }

  async navigate(url: string): Promise<void> {
    await this.#send('POST', '/url', { url });
  }

  async currentUrl(): Promise<string> {
    return (await this.#send('GET', '/url')) as string;
  }

  async refresh(): Promise<void> {
    await this.#send('POST', '/refresh', {});
  }

  async setWindowRect(rect: { width: number; height: number }): Promise<void> {
    await this.#send('POST', '/window/rect', rect);
  }

  async setScriptTimeout(ms: number): Promise<void> {
    await this.#send('POST', '/timeouts', { script: ms });
  }

  /** Runs `body` (a function body; its arguments are `arguments[0…]`) in the page. */
  execute(body: string, args: unknown[] = []): Promise<unknown> {
    return this.#send('POST', '/execute/sync', { script: body, args });
  }

  /** As `execute`, for a body that calls its last argument with the result. */
  executeAsync(body: string, args: unknown[] = []): Promise<unknown> {
    return this.#send('POST', '/execute/async', { script: body, args });
  }

  async click(element: ElementRef): Promise<void> {
    await this.#send('POST', `/element/${element[ELEMENT_KEY]}/click`, {});
  }

  async clear(element: ElementRef): Promise<void> {
    await this.#send('POST', `/element/${element[ELEMENT_KEY]}/clear`, {});
  }

  async sendKeys(element: ElementRef, text: string): Promise<void> {
    await this.#send('POST', `/element/${element[ELEMENT_KEY]}/value`, { text });
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from((await this.#send('GET', '/screenshot')) as string, 'base64');
  }

  async close(): Promise<void> {
    await command(this.base, 'DELETE', undefined, 15_000);
  }
}

/**
 * A raw connection to a Chromium's DevTools protocol over its WebSocket. Playwright's own
 * `newBrowserCDPSession` cannot address a flattened child session (a service worker's, after
 * `Target.attachToTarget({ flatten: true })`); with the raw protocol a message just names its
 * `sessionId`. Playwright drives the browser over a pipe; `--remote-debugging-port=0` opens this TCP
 * endpoint beside it, and Chromium writes the port it chose in the profile's `DevToolsActivePort`.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

/** What launches a browser with the DevTools endpoint this module reads. */
export const DEVTOOLS_ARGS = ['--remote-debugging-port=0'];

interface Answer {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

export class DevTools {
  #next = 0;
  readonly #pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const answer = JSON.parse(String(data)) as Answer;
      const waiting = answer.id === undefined ? undefined : this.#pending.get(answer.id);
      if (!waiting) return; // an event: nothing here subscribes to any
      this.#pending.delete(answer.id!);
      if (answer.error) waiting.reject(new Error(answer.error.message));
      else waiting.resolve(answer.result);
    });
    socket.on('close', () => {
      for (const waiting of this.#pending.values()) waiting.reject(new Error('DevTools connection closed'));
      this.#pending.clear();
    });
  }

  /** Connects to the browser running on `profileDir`, launched with DEVTOOLS_ARGS. */
  static async open(profileDir: string): Promise<DevTools> {
    const file = join(profileDir, 'DevToolsActivePort');
    for (let tries = 0; ; tries++) {
      const text = await readFile(file, 'utf8').catch(() => '');
      // Two lines: the port, then the browser target's path (`/devtools/browser/<id>`).
      const [port, path] = text.split('\n');
      if (port && path) {
        const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
        await once(socket, 'open');
        return new DevTools(socket);
      }
      if (tries > 100) throw new Error(`${file} never named a DevTools port`);
      await sleep(100);
    }
  }

  /** Sends one command, to the browser or (with `sessionId`) to an attached target; rejects on its error. */
  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.#next;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

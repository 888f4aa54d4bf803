import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WebDriverSession } from './webdriver.ts';

/**
 * Debian's WebKitGTK for the WebKit lane: a virtual display (Xvfb), WebKitWebDriver, and our launcher
 * (scripts/webkit-launcher.py), which gives the browser a profile on disk as Safari has — MiniBrowser's
 * automation mode keeps everything in memory, like a private window. See docs/webkit-lane.md.
 */

const LAUNCHER = fileURLToPath(new URL('../../../scripts/webkit-launcher.py', import.meta.url));

/** What WebKit prints of a console message with `--console-stdout`: `CONSOLE <source> <LEVEL> <text>`. */
const CONSOLE_LINE = /^CONSOLE (\S+) (ERROR|WARN\w*|LOG|INFO|DEBUG) (.*)$/;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** An X display of its own, so the lane needs no desktop and no `xvfb-run`. */
async function startDisplay(): Promise<{ display: string; stop: () => Promise<void> }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  xvfb.stderr?.on('data', (data: Buffer) => (log += data.toString()));
  const display = await new Promise<string>((resolve, reject) => {
    let number = '';
    xvfb.stdio[3]?.on('data', (data: Buffer) => {
      number += data.toString();
      if (number.includes('\n')) resolve(`:${number.trim()}`);
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${log}`)));
  });
  return { display, stop: () => stopped(xvfb) };
}

/** A process's state letter and parent, or null when it is gone; a zombie (`Z`) has ended. */
function statusOf(pid: number | string): { state: string; ppid: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // `pid (comm) state ppid …`: the name may hold spaces and parentheses, so read after its last `)`.
  const [state = '', ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid) };
}

const running = (pid: number): boolean => (statusOf(pid)?.state ?? 'Z') !== 'Z';

/** Which running processes each process started (its children), read from /proc. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const status = /^\d+$/.test(entry) ? statusOf(entry) : null;
    if (!status || status.state === 'Z') continue;
    children.set(status.ppid, [...(children.get(status.ppid) ?? []), Number(entry)]);
  }
  return children;
}

/** `roots` and every running process started under them. */
function treeOf(roots: readonly number[]): number[] {
  const children = childrenByParent();
  const found: number[] = [];
  const walk = (pid: number): void => {
    found.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  for (const root of roots) walk(root);
  return found;
}

/** Resolves once none of `pids` runs any more, or after `limitMs`. */
async function ended(pids: readonly number[], limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (pids.some(running) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

export interface WebKitDriver {
  /**
   * Opens a browser window on `profile` (a directory; the same one again is the same browser after a
   * restart), or in memory only as a private window is (`'ephemeral'`). Console errors go to `onError`.
   */
  open(profile: string, onError: (text: string) => void): Promise<WebDriverSession>;
  /**
   * Closes the browser of `session` and waits until its processes have ended. What they print while
   * the browser quits is not its pages' (Playwright's lanes hear nothing after a close either), and
   * nothing of it may reach the next test (in CI, a page torn down as WebKit quit logged an unhandled
   * rejection that the next test, a private window whose pages print nothing, then failed on).
   */
  close(session: WebDriverSession): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a display and WebKitWebDriver; one per test worker. */
export async function startWebKitDriver(): Promise<WebKitDriver> {
  const { display, stop: stopDisplay } = await startDisplay();
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, DISPLAY: display },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  let onError: ((text: string) => void) | undefined;
  const launchers = new Map<WebDriverSession, number[]>();
  let pending = '';
  const read = (data: Buffer): void => {
    pending += data.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      log = (log + line + '\n').slice(-20_000);
      // Kept whole where asked (WK_DRIVER_LOG=<file>): what the driver, the browser and its processes print.
      if (process.env.WK_DRIVER_LOG) appendFileSync(process.env.WK_DRIVER_LOG, `${line}\n`);
      const message = CONSOLE_LINE.exec(line);
      if (message?.[2] === 'ERROR') onError?.(`${message[1]}: ${message[3]}`);
    }
  };
  driver.stdout.on('data', read);
  driver.stderr.on('data', read);
  for (let tries = 0; ; tries++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}: ${log}`);
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (tries > 200) throw new Error(`WebKitWebDriver did not answer on ${url}: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    async open(profile, errors) {
      onError = errors;
      const args = [
        '--automation',
        '--console-stdout',
        profile === 'ephemeral' ? '--ephemeral' : `--profile=${profile}`,
      ];
      const before = new Set(childrenByParent().get(driver.pid ?? 0));
      try {
        const session = await WebDriverSession.create(
          url,
          { 'webkitgtk:browserOptions': { binary: LAUNCHER, args } },
          30_000,
        );
        // The launcher the driver started for this session: the root of the browser's processes.
        launchers.set(
          session,
          (childrenByParent().get(driver.pid ?? 0) ?? []).filter((pid) => !before.has(pid)),
        );
        return session;
      } catch (error) {
        throw new Error(`WebKit did not start (${String(error)}). Driver log:\n${log}`, { cause: error });
      }
    },
    async close(session) {
      const heard = onError;
      onError = undefined;
      const processes = treeOf(launchers.get(session) ?? []);
      launchers.delete(session);
      try {
        await session.close();
        await ended(processes, 15_000);
      } finally {
        onError = heard;
      }
    },
    async stop() {
      await stopped(driver);
      await stopDisplay();
    },
  };
}

import { appendFileSync } from 'node:fs';
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

export interface WebKitDriver {
  /**
   * Opens a browser window on `profile` (a directory; the same one again is the same browser after a
   * restart), or in memory only as a private window is (`'ephemeral'`). Console errors go to `onError`.
   */
  open(profile: string, onError: (text: string) => void): Promise<WebDriverSession>;
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
      try {
        return await WebDriverSession.create(url, { 'webkitgtk:browserOptions': { binary: LAUNCHER, args } }, 30_000);
      } catch (error) {
        throw new Error(`WebKit did not start (${String(error)}). Driver log:\n${log}`, { cause: error });
      }
    },
    async stop() {
      await stopped(driver);
      await stopDisplay();
    },
  };
}

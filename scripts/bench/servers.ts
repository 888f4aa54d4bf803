import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP, CATALOG } from './config.ts';

/** The project's root: the builds and servers run from there whatever the shell's directory. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the bench's build goes (its own, so a running `npm start` keeps its `dist`). */
const OUT_DIR = 'dist-bench';

async function waitFor(url: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Builds the app against the demo catalog on CATALOG's origin, serves the build at APP and the catalog
 * at CATALOG, and resolves once both answer. Returns the function that stops both.
 */
export async function startServers(): Promise<() => void> {
  execSync(`npx vite build --mode demo --outDir ${OUT_DIR}`, {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, HALF_TUNES_CATALOG: CATALOG },
  });
  // Detached, each in a process group of its own, so that stopping takes `npx`'s children too.
  const servers: ChildProcess[] = [
    spawn('npx', ['tsx', 'server/standalone.ts', '--port', new URL(CATALOG).port], {
      cwd: ROOT,
      stdio: 'ignore',
      detached: true,
    }),
    spawn(
      'npx',
      ['vite', 'preview', '--mode', 'demo', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', new URL(APP).port],
      { cwd: ROOT, stdio: 'ignore', detached: true },
    ),
  ];
  const stop = (): void => {
    for (const server of servers) process.kill(-server.pid!);
  };
  try {
    await waitFor(`${CATALOG}/search?term=love`);
    await waitFor(APP);
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}

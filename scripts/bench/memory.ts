/** Chromium's resident memory: every process of one profile, read from Linux's `ps`. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const execFileAsync = promisify(execFile);

/** Resident bytes of every process of the browser whose profile is `profileDir`. */
export async function residentOf(profileDir: string): Promise<number> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,ppid=,rss=,args=']);
  const rows = stdout
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, rss, args]) => ({
      pid: Number(pid),
      ppid: Number(ppid),
      rss: Number(rss) * 1024,
      args: args!,
    }));
  const family = new Set(
    rows.filter((row) => row.args.includes(`--user-data-dir=${profileDir}`)).map((row) => row.pid),
  );
  // The browser's children (renderers, the GPU and network processes) and theirs.
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => family.has(row.pid)).reduce((sum, row) => sum + row.rss, 0);
}

/** Samples the profile's resident memory every 100 ms; the returned stop gives the peak growth in bytes. */
export async function watchResident(profileDir: string): Promise<() => number> {
  const before = await residentOf(profileDir);
  let peak = before;
  let sampling = true;
  void (async () => {
    while (sampling) {
      peak = Math.max(peak, await residentOf(profileDir));
      await sleep(100);
    }
  })();
  return () => {
    sampling = false;
    return peak - before;
  };
}

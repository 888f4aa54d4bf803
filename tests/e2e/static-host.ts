/**
 * A static host as a CDN is one, for the browser tests: it serves a build's files as they are, with
 * the headers its `_headers` file names (as Netlify and Cloudflare Pages read it), and nothing else
 * of ours: no Vite, no demo catalog. Unknown paths answer the app's shell, as a host's SPA fallback.
 *   tsx tests/e2e/static-host.ts --root dist-cross --port 4176
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFor, parseHeadersFile } from '../../scripts/static-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

const { values } = parseArgs({ options: { root: { type: 'string' }, port: { type: 'string' } } });
const root = resolve(values.root ?? 'dist');
const rules = parseHeadersFile(await readFile(join(root, '_headers'), 'utf8'));

async function fileOf(path: string): Promise<string | null> {
  const file = normalize(join(root, decodeURIComponent(path)));
  if (!file.startsWith(root)) return null;
  const found = await stat(file).catch(() => null);
  if (found?.isDirectory()) return fileOf(join(path, 'index.html'));
  return found?.isFile() ? file : null;
}

createServer((request, response) => {
  void (async () => {
    const { pathname } = new URL(request.url ?? '/', 'http://static.invalid');
    const file = (await fileOf(pathname)) ?? (pathname.includes('.') ? null : join(root, 'index.html'));
    for (const [name, value] of Object.entries(headersFor(rules, pathname))) response.setHeader(name, value);
    if (!file) {
      response.statusCode = 404;
      response.end('Not found');
      return;
    }
    response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  })();
}).listen(Number(values.port ?? 4176), '127.0.0.1');

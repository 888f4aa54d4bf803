import type { Plugin } from 'vite';
import { contentSecurityPolicyHeader } from './csp.ts';

/** Headers a static host sends for the paths `path` matches (`*` at its end: anything below). */
export interface HeaderRule {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What must never come from a cache without asking: a new worker or shell is found at once. */
const REVALIDATE = { 'Cache-Control': 'no-cache' };

/**
 * The headers a static host must send for the built app (a CDN cannot be told them by the app):
 * the policy with `frame-ancestors` (which a `<meta>` cannot carry), no sniffing of a file into
 * another type, no referrer, the worker and the shell revalidated on every load, and hashed assets
 * kept for a year.
 */
export function staticHostHeaders(catalog: string): HeaderRule[] {
  return [
    {
      path: '/*',
      headers: {
        'Content-Security-Policy': contentSecurityPolicyHeader(catalog),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    },
    { path: '/', headers: REVALIDATE },
    { path: '/index.html', headers: REVALIDATE },
    { path: '/sw.js', headers: REVALIDATE },
    { path: '/manifest.webmanifest', headers: REVALIDATE },
    { path: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
  ];
}

/** The rules as Netlify and Cloudflare Pages read them from `_headers` (every matching rule applies). */
export function headersFile(rules: readonly HeaderRule[]): string {
  return rules
    .map(({ path, headers }) =>
      [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** Reads a `_headers` file back into rules. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: { path: string; headers: Record<string, string> }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (!rule || colon < 0) throw new Error(`_headers: a header outside a path, or without a value: "${line}"`);
    rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a rule's path matches a request's path, as those hosts match them. */
export const ruleMatches = (rule: string, path: string): boolean =>
  rule.endsWith('*') ? path.startsWith(rule.slice(0, -1)) : path === rule;

/** The headers every matching rule gives `path`, later rules over earlier ones. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  return Object.assign({}, ...rules.filter((rule) => ruleMatches(rule.path, path)).map((rule) => rule.headers));
}

/** Writes `_headers` into the build, beside the files it is about. */
export function staticHeadersFile(catalog: string): Plugin {
  return {
    name: 'half-tunes-static-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(staticHostHeaders(catalog)) });
    },
  };
}

/** The rules as Firebase Hosting's `firebase.json` says them (every matching rule applies there too). */
export function firebaseJson(rules: readonly HeaderRule[]): string {
  const hosting = {
    public: 'dist',
    rewrites: [{ source: '**', destination: '/index.html' }],
    headers: rules.map(({ path, headers }) => ({
      source: path === '/*' ? '**' : path.replace(/\*$/, '**'),
      headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
    })),
  };
  return `${JSON.stringify({ hosting }, null, 2)}\n`;
}

/**
 * The rules as an nginx server block says them. An `add_header` inside a location drops every one
 * inherited from outside it, so each location carries all of its headers.
 */
export function nginxServer(rules: readonly HeaderRule[]): string {
  const locations = rules.map(({ path }) =>
    path === '/*'
      ? { match: '/', path: '/' }
      : path.endsWith('*')
        ? { match: path.slice(0, -1), path: path.slice(0, -1) }
        : { match: `= ${path}`, path },
  );
  const blocks = locations.map(({ match, path }) => {
    const headers = headersFor(rules, path === '/' && match === '/' ? '/any' : path);
    const lines = Object.entries(headers).map(([name, value]) => `    add_header ${name} "${value}" always;`);
    if (match === '/') lines.push('    try_files $uri $uri/ /index.html;');
    return [`  location ${match} {`, ...lines, '  }'].join('\n');
  });
  return ['server {', '  root /srv/half-tunes/dist;', ...blocks, '}', ''].join('\n');
}

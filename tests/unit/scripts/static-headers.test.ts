import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  firebaseJson,
  headersFile,
  headersFor,
  nginxServer,
  parseHeadersFile,
  staticHostHeaders,
} from '../../../scripts/static-headers.ts';

const rules = staticHostHeaders('https://itunes.apple.com');
/** The code blocks of docs/deploy.md, by their language. */
const blocks = (language: string): string[] =>
  [...readFileSync('docs/deploy.md', 'utf8').matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (match) => match[1]!,
  );

describe('the headers a static host sends', () => {
  it('give the policy with frame-ancestors, no sniffing and no referrer everywhere', () => {
    const anywhere = headersFor(rules, '/icons/icon-192.png');
    expect(anywhere['Content-Security-Policy']).toMatch(/; frame-ancestors 'none'$/);
    expect(anywhere['Content-Security-Policy']).toContain(
      "script-src 'self' 'report-sample' https://itunes.apple.com/search https://itunes.apple.com/lookup;",
    );
    expect(anywhere).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    expect(anywhere['Cache-Control']).toBeUndefined();
  });

  it('revalidate the shell and the worker, and keep hashed assets for a year', () => {
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      expect(headersFor(rules, path)['Cache-Control'], path).toBe('no-cache');
    }
    expect(headersFor(rules, '/assets/index-CgrnQCB2.js')['Cache-Control']).toBe('public, max-age=31536000, immutable');
  });

  it('read back from _headers as written', () => {
    expect(parseHeadersFile(headersFile(rules))).toEqual(rules);
  });

  it('are the ones docs/deploy.md shows for each host', () => {
    expect(blocks('text')).toEqual([headersFile(rules)]);
    expect(blocks('json')).toEqual([firebaseJson(rules)]);
    expect(blocks('nginx')).toEqual([nginxServer(rules)]);
  });
});

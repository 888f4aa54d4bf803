/**
 * The docs drift test: README.md and every docs/**\/*.md may cite code only as the code is, so docs
 * that drift from the code fail the build.
 *
 * What is checked, in inline code spans (`…`) outside fenced code blocks:
 *
 * 1. A path (no spaces, not a URL, not starting with `/`, no placeholder such as `<id>`, `*`, `…`,
 *    `{a,b}`) whose first part is a top-level entry of the repository (`src/…`, `tests/…`, `.ci/run`)
 *    must exist; ending in `/`, as a folder. Another path with `/` that ends in a known extension
 *    (`download/manager.ts`) must be the end of some file's path. A bare file name with a code
 *    extension (`sw.ts`, `ask-page.ts`, `README.md`) must be the name of some file.
 * 2. A code name must appear as a whole word in the repository's own code: the files of src/,
 *    server/, scripts/ and tests/ (this file aside) and the root's build files (package.json,
 *    index.html, *.config.*, .ci/run). Comments count: the rule catches names that are gone. A code
 *    name is one of
 *    - an identifier with a capital and a small letter, an underscore or a `$`: `camelCase`,
 *      `PascalCase`, `SCREAMING_CASE`, `snake_case` (an env assignment `NAME=value` checks NAME);
 *    - a private member, `#name`;
 *    - a dotted name, `Owner.member`: the text itself (also as the end of a longer chain:
 *      `clients.claim` in `self.clients.claim`), or a file that declares `Owner` (class, interface,
 *      type, function, const…) and holds `member`;
 *    - a lower-case hyphenated word, `kebab-case`: message types, events, engine and failure names;
 *    - any of these followed by a call, `name()` or `name(args)`.
 * 3. An assignment, `NAME = value` (spaces around `=`), must appear as written in some code file:
 *    constants and their values (`PAGE_ANSWER_MS = 10_000`) cannot drift apart.
 * 4. A name cited with its file, ``` `NAME` (`path`) ``` or ``` `NAME` in `path` ```, must be in
 *    THAT file (a folder: in a file under it; a bare file name: in a file of that name).
 * 5. Every relative link (`[words](path)`) leads to a file or folder that exists.
 * 6. A code span opens and closes on one line: one broken across lines would go unchecked.
 *
 * Not checked: plain lower-case words (`queued`, `range`), all-capital words (`CORS`), spans with
 * spaces (shell commands, sentences), headers (`Content-Range`), URLs and URL paths
 * (`/offline-audio/<trackId>`), numbers, MIME types, and the few browser names in `PLATFORM_NAMES`
 * that our code does not use.
 *
 * Also: every package of package.json is named in the README, which must say why it is there; and
 * every `docs/…md` the code cites (`docs/protocols/update.md` in a comment) exists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const THIS_FILE = relative(ROOT, import.meta.filename)
  .split(sep)
  .join('/');

/**
 * Browser and platform names the docs may cite though our code never writes them. Keep it short, and
 * prefer not to cite such names in backticks: today every one the docs cite is one our code uses.
 */
const PLATFORM_NAMES: ReadonlySet<string> = new Set<string>([]);

/** Folders that are never the repository's own files. */
const NOT_OURS = new Set(['node_modules', '.git', 'dist', 'test-results', 'reports', 'playwright-report']);
const ignored = (name: string): boolean => NOT_OURS.has(name) || name.startsWith('dist-');

/** Every file of the repository, as a path from its root with `/`. */
function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    if (ignored(name)) return [];
    const path = dir ? `${dir}/${name}` : name;
    return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
  });
}

const FILES = walk('');
const TOP_LEVEL = new Set(readdirSync(ROOT).filter((name) => !ignored(name)));

/** The repository's own code: where a cited name must appear. */
const CODE_FILES = FILES.filter(
  (path) =>
    path !== THIS_FILE &&
    (/^(src|server|scripts|tests)\/.*\.(ts|mjs|js|py|css|html)$/.test(path) ||
      /^([\w-]+\.config\.(ts|js)|package\.json|index\.html|\.ci\/run)$/.test(path)),
);
const CODE = new Map(CODE_FILES.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')]));
const ALL_CODE = [...CODE.values()].join('\n');

const DOCS = ['README.md', ...FILES.filter((path) => path.startsWith('docs/') && path.endsWith('.md'))];

/** What a code span asks of the repository, or null when it is not checked. */
type Citation =
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'name'; readonly name: string; readonly pattern: RegExp; readonly owner?: string }
  | { readonly kind: 'assignment'; readonly text: string; readonly pattern: RegExp };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const IDENTIFIER = '[A-Za-z_$][\\w$]*';
const PLACEHOLDER = /[<>*…{}|?=#]/;
const PATH_EXTENSION = /\.(ts|mjs|js|py|json|md|png|css|html|svg|txt)$/;
const BARE_FILE = /^[\w.-]+\.(ts|mjs|js|py|md)$/;

/** Whether a single identifier is a code name (not a plain word or an acronym). */
const isCodeIdentifier = (name: string): boolean =>
  new RegExp(`^${IDENTIFIER}$`).test(name) && ((/[A-Z]/.test(name) && /[a-z]/.test(name)) || /[_$]/.test(name));

/** What one code span cites. */
function classify(raw: string): Citation | null {
  const span = raw.trim();
  if (span.includes('://')) return null;
  const assignment = new RegExp(`^(#?${IDENTIFIER}(?:\\.#?${IDENTIFIER})*) = (\\S.*)$`).exec(span);
  if (assignment) {
    const text = span.replace(/\s+/g, ' ');
    return { kind: 'assignment', text, pattern: new RegExp(`(?<![\\w$#.])${escape(text)}(?![\\w$.])`) };
  }
  if (/\s/.test(span)) return null;
  if (span.includes('/')) {
    if (span.startsWith('/') || PLACEHOLDER.test(span)) return null;
    if (TOP_LEVEL.has(span.split('/')[0]!) || PATH_EXTENSION.test(span)) return { kind: 'path', path: span };
    return null;
  }
  if (BARE_FILE.test(span)) return { kind: 'path', path: span };
  const environment = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=\S*$/.exec(span);
  const name = environment ? environment[1]! : span.replace(/\(.*\)$/, '');
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) {
    return { kind: 'name', name, pattern: new RegExp(`(?<![\\w$-])${escape(name)}(?![\\w$-])`) };
  }
  if (new RegExp(`^#${IDENTIFIER}$`).test(name)) {
    return { kind: 'name', name, pattern: new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`) };
  }
  const parts = name.split('.');
  if (parts.length > 1 && parts.every((part) => new RegExp(`^#?${IDENTIFIER}$`).test(part))) {
    const pattern = new RegExp(`(?<![\\w$#])${escape(name)}(?![\\w$])`);
    return parts.length === 2 ? { kind: 'name', name, pattern, owner: parts[0]! } : { kind: 'name', name, pattern };
  }
  if (isCodeIdentifier(name))
    return { kind: 'name', name, pattern: new RegExp(`(?<![\\w$#])${escape(name)}(?![\\w$])`) };
  return null;
}

/** The files a path citation names: the file, the files under a folder, or every file of that name. */
function filesOf(path: string): string[] {
  const folder = path.replace(/\/$/, '');
  if (path.includes('/') && TOP_LEVEL.has(path.split('/')[0]!)) {
    return FILES.filter((file) =>
      path.endsWith('/') ? file.startsWith(`${folder}/`) : file === path || file.startsWith(`${folder}/`),
    );
  }
  return FILES.filter((file) => file === path || file.endsWith(`/${path}`));
}

/** Why a path citation does not hold, or null when it does. */
function pathProblem(path: string): string | null {
  if (path.includes('/') && TOP_LEVEL.has(path.split('/')[0]!)) {
    const at = join(ROOT, path);
    if (!existsSync(at)) return 'does not exist';
    if (path.endsWith('/') && !statSync(at).isDirectory()) return 'is not a folder';
    return null;
  }
  return filesOf(path).length > 0 ? null : 'is no file of the repository';
}

/** Whether a file declares `owner` (a class, interface, type, enum, function or variable). */
const declares = (text: string, owner: string): boolean =>
  new RegExp(`\\b(?:class|interface|type|enum|function|const|let|var|namespace)\\s+${escape(owner)}\\b`).test(text);

/** Whether a name or assignment citation holds in `texts`. */
function found(citation: Exclude<Citation, { kind: 'path' }>, texts: readonly string[]): boolean {
  if (texts.some((text) => citation.pattern.test(text))) return true;
  if (citation.kind !== 'name' || !citation.owner) return false;
  const member = citation.name.slice(citation.owner.length + 1);
  const memberPattern = new RegExp(`(?<![\\w$])${escape(member)}(?![\\w$])`);
  return texts.some((text) => declares(text, citation.owner!) && memberPattern.test(text));
}

/** The code of the files a path names, or of all code where it names none of it. */
const codeOf = (path: string): string[] =>
  filesOf(path).flatMap((file) => CODE.get(file) ?? readFileSync(join(ROOT, file), 'utf8'));

/** Every problem of one Markdown text, as `doc:line: what`. */
function problemsOf(doc: string, markdown: string): string[] {
  const problems: string[] = [];
  let fenced = false;
  markdown.split('\n').forEach((line, index) => {
    const at = `${doc}:${index + 1}`;
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    if ((line.match(/`/g)?.length ?? 0) % 2 === 1) problems.push(`${at}: a code span is broken across lines`);
    for (const [, span] of line.matchAll(/`([^`]+)`/g)) {
      const citation = classify(span!);
      if (!citation) continue;
      if (citation.kind === 'path') {
        const problem = pathProblem(citation.path);
        if (problem) problems.push(`${at}: \`${span}\` ${problem}`);
      } else if (!PLATFORM_NAMES.has(span!) && !found(citation, [ALL_CODE])) {
        problems.push(`${at}: \`${span}\` is not in the code (src/, server/, scripts/, tests/)`);
      }
    }
    // A name cited with its file must be in that file.
    for (const [, span, file] of line.matchAll(/`([^`]+)`\s+(?:\(|in\s+)`([^`]+)`/g)) {
      const citation = classify(span!);
      const place = classify(file!);
      if (!citation || citation.kind === 'path' || place?.kind !== 'path' || pathProblem(place.path)) continue;
      if (!found(citation, codeOf(place.path))) problems.push(`${at}: \`${span}\` is not in \`${file}\``);
    }
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target!)) continue;
      const path = resolve(ROOT, dirname(doc), target!.replace(/#.*$/, ''));
      if (!existsSync(path)) problems.push(`${at}: the link to ${target} leads nowhere`);
    }
  });
  return problems;
}

describe('the rules of the docs drift test', () => {
  it('tells what each kind of span cites', () => {
    expect(classify('src/sw/download/steps.ts')).toEqual({ kind: 'path', path: 'src/sw/download/steps.ts' });
    expect(classify('tests/unit/sw/platform/')).toEqual({ kind: 'path', path: 'tests/unit/sw/platform/' });
    expect(classify('ask-page.ts')).toEqual({ kind: 'path', path: 'ask-page.ts' });
    for (const name of ['askPage', 'DownloadStore', 'MAX_TRIES', '#commitDelete', 'Steps.apply', 'network-back']) {
      expect(classify(name)).toMatchObject({ kind: 'name', name });
    }
    expect(classify('start()')).toBeNull(); // a plain word, called
    expect(classify('whenIdle()')).toMatchObject({ kind: 'name', name: 'whenIdle' });
    expect(classify('HALF_TUNES_LANE=webkit')).toMatchObject({ kind: 'name', name: 'HALF_TUNES_LANE' });
    expect(classify('DB_VERSION = 4')).toMatchObject({ kind: 'assignment', text: 'DB_VERSION = 4' });
    for (const unchecked of ['queued', 'CORS', 'Content-Range', '/offline-audio/<trackId>', 'audio/x-m4a', '206']) {
      expect(classify(unchecked), unchecked).toBeNull();
    }
    expect(classify('npm install && npm test')).toBeNull();
    expect(classify('https://itunes.apple.com')).toBeNull();
  });

  it('fails a doc that cites what the code does not have, naming the doc, the line and the span', () => {
    const doc = [
      'Names: `DownloadStore`, `NoSuchThing`, `#noSuchField`, `no-such-message`.',
      '`WATCHDOG_MS` (`src/sw/download/manager.ts`) and `PAGE_ANSWER_MS = 5_000`.',
      'Files: `src/sw/gone.ts`, `missing-module.ts`. [A link](nowhere.md).',
      'A span `that breaks',
      '```',
      '`InsideAFence` is not read.',
      '```',
    ].join('\n');
    expect(problemsOf('docs/example.md', doc)).toEqual([
      'docs/example.md:1: `NoSuchThing` is not in the code (src/, server/, scripts/, tests/)',
      'docs/example.md:1: `#noSuchField` is not in the code (src/, server/, scripts/, tests/)',
      'docs/example.md:1: `no-such-message` is not in the code (src/, server/, scripts/, tests/)',
      'docs/example.md:2: `PAGE_ANSWER_MS = 5_000` is not in the code (src/, server/, scripts/, tests/)',
      'docs/example.md:2: `WATCHDOG_MS` is not in `src/sw/download/manager.ts`',
      'docs/example.md:3: `src/sw/gone.ts` does not exist',
      'docs/example.md:3: `missing-module.ts` is no file of the repository',
      'docs/example.md:3: the link to nowhere.md leads nowhere',
      'docs/example.md:4: a code span is broken across lines',
    ]);
  });
});

describe('the docs cite only code that exists', () => {
  it('reads the README and the docs folder', () => {
    expect(DOCS).toContain('README.md');
    expect(DOCS.length).toBeGreaterThan(5);
  });

  it.each(DOCS)('%s', (doc) => {
    const problems = problemsOf(doc, readFileSync(join(ROOT, doc), 'utf8'));
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });

  it('the docs the code cites exist', () => {
    const cited = [...CODE].flatMap(([file, text]) =>
      [...text.matchAll(/\bdocs\/[\w/.-]+\.md\b/g)].map((match) => `${file} cites ${match[0]}`),
    );
    const missing = cited.filter((citation) => !existsSync(join(ROOT, citation.split(' cites ')[1]!)));
    expect(missing).toEqual([]);
  });

  it('the README names every package the project depends on', () => {
    const { dependencies = {}, devDependencies = {} } = JSON.parse(
      readFileSync(join(ROOT, 'package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const unnamed = [...Object.keys(dependencies), ...Object.keys(devDependencies)].filter(
      (name) => !readme.includes(`\`${name}\``),
    );
    expect(unnamed, 'packages of package.json the README does not name (in backticks) and justify').toEqual([]);
  });
});

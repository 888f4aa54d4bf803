/**
 * Every language has every message of the source and no message the source lacks, each translated,
 * with the same placeholders: read from the code itself (each `msg` call and its `id`), not from
 * what an extraction last wrote.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, PSEUDO_LOCALE } from '../../../src/i18n/locales.ts';

const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'sw' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each message of the code: its id, and how many placeholders its template has. */
function sourceMessages(): Map<string, { placeholders: number; file: string }> {
  const messages = new Map<string, { placeholders: number; file: string }>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') {
        const [template, options] = node.arguments;
        const idProperty =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'id')
            : undefined;
        const id =
          idProperty && ts.isPropertyAssignment(idProperty) && ts.isStringLiteral(idProperty.initializer)
            ? idProperty.initializer.text
            : null;
        expect(id, `a msg without an id in ${file}: ${node.getText().slice(0, 80)}`).not.toBeNull();
        const tagged = template && ts.isTaggedTemplateExpression(template) ? template.template : template;
        const placeholders = tagged && ts.isTemplateExpression(tagged) ? tagged.templateSpans.length : 0;
        messages.set(id!, { placeholders, file });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return messages;
}

/** A language's file: each unit's id, whether it has a target, and its placeholders in source and target. */
function units(locale: string): Map<string, { translated: boolean; source: number; target: number }> {
  const xliff = readFileSync(join(ROOT, 'xliff', `${locale}.xlf`), 'utf8');
  const found = new Map<string, { translated: boolean; source: number; target: number }>();
  for (const [, id, body] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body!)?.[1] ?? '';
    const target = /<target>([\s\S]*?)<\/target>/.exec(body!)?.[1];
    const count = (text: string): number => (text.match(/<x /g) ?? []).length;
    found.set(id!, {
      translated: target !== undefined && target.trim() !== '',
      source: count(source),
      target: count(target ?? ''),
    });
  }
  return found;
}

const messages = sourceMessages();

describe('the translations', () => {
  it('has messages to translate', () => {
    expect(messages.size).toBeGreaterThan(100);
  });

  it('builds every language the app offers, and the pseudo-locale', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'lit-localize.json'), 'utf8')) as { targetLocales: string[] };
    const offered = LANGUAGES.map((language) => language.locale).filter((locale) => locale !== 'en');
    expect([...config.targetLocales].sort()).toEqual([...offered, PSEUDO_LOCALE].sort());
  });

  for (const { locale } of LANGUAGES.filter((language) => language.locale !== 'en')) {
    it(`${locale}: every message of the source, translated, with its placeholders, and nothing more`, () => {
      const file = units(locale);
      expect(
        [...messages.keys()].filter((id) => !file.has(id)),
        'missing',
      ).toEqual([]);
      expect(
        [...file.keys()].filter((id) => !messages.has(id)),
        'not in the source',
      ).toEqual([]);
      expect(
        [...file].filter(([, unit]) => !unit.translated).map(([id]) => id),
        'not translated',
      ).toEqual([]);
      expect(
        [...file].filter(([id, unit]) => unit.target !== messages.get(id)?.placeholders).map(([id]) => id),
        'placeholders lost or added',
      ).toEqual([]);
    });
  }
});

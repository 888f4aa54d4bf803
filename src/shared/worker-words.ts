/**
 * What the worker says to the person (the "Downloads finished" notification, the browser's download
 * UI), in the language the pages chose: a page sends these words whenever its language changes, and
 * the worker keeps them for the times no page is open. Each is a template whose `{name}` placeholders
 * the worker fills; counted ones come in the language's plural forms.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

export interface WorkerWords {
  /** The language they are in (for plural forms and numbers). */
  readonly locale: string;
  /** The notification's title. */
  readonly finishedTitle: string;
  /** "{count} previews are ready to play offline." */
  readonly finished: PluralForms;
  /** "{batch}: {count} songs ready offline." */
  readonly finishedBatch: PluralForms;
  /** The browser's download UI once a fetch stored its song: "{song} is ready to play offline". */
  readonly ready: string;
  /** The browser's download UI for a fetch that ended without its song. */
  readonly stopped: string;
}

/** The worker's words before any page said otherwise. */
export const ENGLISH_WORDS: WorkerWords = {
  locale: 'en',
  finishedTitle: 'Downloads finished',
  finished: { one: '{count} preview is ready to play offline.', other: '{count} previews are ready to play offline.' },
  finishedBatch: { one: '{batch}: {count} song ready offline.', other: '{batch}: {count} songs ready offline.' },
  ready: '{song} is ready to play offline',
  stopped: 'Half Tunes download stopped',
};

const MAX_WORD_TEXT = 300;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_WORD_TEXT;
const isForms = (value: unknown): value is PluralForms =>
  typeof value === 'object' &&
  value !== null &&
  isText((value as PluralForms).other) &&
  Object.entries(value).every(([form, text]) => /^(zero|one|two|few|many|other)$/.test(form) && isText(text));

/** Checks words that crossed a boundary (a page's message, what Cache Storage kept). */
export function isWorkerWords(value: unknown): value is WorkerWords {
  if (typeof value !== 'object' || value === null) return false;
  const words = value as Record<string, unknown>;
  return (
    isText(words.locale) &&
    isText(words.finishedTitle) &&
    isForms(words.finished) &&
    isForms(words.finishedBatch) &&
    isText(words.ready) &&
    isText(words.stopped)
  );
}

/** `template` with each `{name}` replaced by `values[name]` (text as it is: never markup). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * "Downloads finished" in words: a batch by its name ("Harbour Lights: 6 songs ready offline."),
 * anything else by count, in the plural form and digits of the words' language.
 */
export function finishedWords(words: WorkerWords, completed: number, batch: string | null): string {
  let form: Intl.LDMLPluralRule = 'other';
  let count = String(completed);
  try {
    form = new Intl.PluralRules(words.locale).select(completed);
    count = new Intl.NumberFormat(words.locale).format(completed);
  } catch {
    // A language this browser's Intl does not know: its `other` form and plain digits.
  }
  const forms = batch ? words.finishedBatch : words.finished;
  return fill(forms[form] ?? forms.other, { count, batch: batch ?? '' });
}

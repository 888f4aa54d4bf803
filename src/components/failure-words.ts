import { msg, str } from '@lit/localize';
import type { DownloadFailure } from '../shared/downloads.ts';
import { formatCount } from '../i18n/format.ts';
import { currentLocale } from '../i18n/localization.ts';
import { directionOf } from '../i18n/locales.ts';

/**
 * What the host or the browser said, as it said it, set apart from the words around it where the
 * language is written right to left (the text twin of `<bdi>`: U+2068 … U+2069), so "text/html;
 * charset=utf-8" keeps its order in an Arabic sentence. Left to right, it stays exactly as it came.
 */
function theirs(words: string): string {
  return directionOf(currentLocale()) === 'rtl' ? `\u2068${words}\u2069` : words;
}

/**
 * A byte count as the worker wrote it, whole and without grouping ("960000"), in the language's
 * digits: the English sentence stays the one the worker logs.
 */
const bytes = (count: number): string => new Intl.NumberFormat(currentLocale(), { useGrouping: false }).format(count);

/**
 * The words of a failed download in the app's language, from its `code` and facts; in English,
 * exactly the worker's `message`. A failure stored before the facts were (a download that failed in
 * an older version) lacks the facts its words need: it keeps the worker's English.
 */
export function failureWords(failure: DownloadFailure): string {
  const { status, reason, detail, stored, total } = failure;
  switch (failure.code) {
    case 'not-found':
      if (status === undefined) break;
      return msg(str`The preview is no longer on the server (${formatCount(status)}).`, {
        id: 'failure.not-found',
      });
    case 'refused':
      if (status === undefined) break;
      return msg(str`The server refused the download (${formatCount(status)}).`, { id: 'failure.refused' });
    case 'server':
      if (status === undefined) break;
      if (status === 429) {
        return msg(str`The server is busy (${formatCount(status)}). Try again in a minute.`, {
          id: 'failure.server-busy',
        });
      }
      if (status >= 500) {
        return msg(str`The server had a problem (${formatCount(status)}).`, { id: 'failure.server-problem' });
      }
      return msg(str`The server answered ${formatCount(status)}.`, { id: 'failure.server-answer' });
    case 'network':
      return msg('The connection was lost.', { id: 'failure.network' });
    case 'offline':
      return msg('The connection was lost. It continues by itself when you are back online.', {
        id: 'failure.offline',
      });
    case 'unreachable':
      return msg('The preview host can’t be reached.', { id: 'failure.unreachable' });
    case 'size-mismatch':
      if (stored === undefined || total === undefined) break;
      return msg(str`The stored file is ${bytes(stored)} bytes, the server said ${bytes(total)}.`, {
        id: 'failure.size-mismatch',
      });
    case 'quota':
      return msg('Not enough storage. Delete some downloads to make room.', { id: 'failure.quota' });
    case 'unreadable':
      return msg('The preview host does not let Half Tunes read this preview.', { id: 'failure.unreadable' });
    case 'not-audio':
      if (detail === undefined) break;
      return msg(str`This preview is not audio (the host sent ${theirs(detail)}).`, { id: 'failure.not-audio' });
    case 'bad-answer':
      if (reason === 'kept-changing') {
        return msg('The preview kept changing on the server while it downloaded.', {
          id: 'failure.kept-changing',
        });
      }
      if (reason === 'too-slow') {
        return msg('This preview host allows no progress or size, and the preview did not arrive in time.', {
          id: 'failure.too-slow',
        });
      }
      if (detail === undefined) break;
      // The detail is the worker's technical English ("bytes 0-99 where 100-199 were asked"), kept as a value.
      return msg(str`The preview host sent a wrong answer: ${theirs(detail)}.`, { id: 'failure.bad-answer' });
    case 'unknown':
      if (detail === undefined) break;
      return msg(str`Something went wrong: ${theirs(detail)}`, { id: 'failure.unknown' });
  }
  return failure.message;
}

import { msg, str } from '@lit/localize';
import type { WorkerWords } from '../shared/worker-words.ts';
import { currentLocale } from './localization.ts';

/**
 * The worker's words in the app's language now (`src/shared/worker-words.ts`): templates, their
 * `{count}`, `{batch}` and `{song}` filled by the worker. A plural form the language lacks is never
 * picked; English needs only `one` and `other`, Arabic all six.
 */
export function currentWorkerWords(): WorkerWords {
  const count = '{count}';
  const batch = '{batch}';
  return {
    locale: currentLocale(),
    finishedTitle: msg('Downloads finished', { id: 'finished.title' }),
    finished: {
      zero: msg(str`${count} previews are ready to play offline.`, { id: 'finished.zero' }),
      one: msg(str`${count} preview is ready to play offline.`, { id: 'finished.one' }),
      two: msg(str`${count} previews are ready to play offline.`, { id: 'finished.two' }),
      few: msg(str`${count} previews are ready to play offline.`, { id: 'finished.few' }),
      many: msg(str`${count} previews are ready to play offline.`, { id: 'finished.many' }),
      other: msg(str`${count} previews are ready to play offline.`, { id: 'finished.other' }),
    },
    finishedBatch: {
      zero: msg(str`${batch}: ${count} songs ready offline.`, { id: 'finished-batch.zero' }),
      one: msg(str`${batch}: ${count} song ready offline.`, { id: 'finished-batch.one' }),
      two: msg(str`${batch}: ${count} songs ready offline.`, { id: 'finished-batch.two' }),
      few: msg(str`${batch}: ${count} songs ready offline.`, { id: 'finished-batch.few' }),
      many: msg(str`${batch}: ${count} songs ready offline.`, { id: 'finished-batch.many' }),
      other: msg(str`${batch}: ${count} songs ready offline.`, { id: 'finished-batch.other' }),
    },
    ready: msg(str`${'{song}'} is ready to play offline`, { id: 'download-ui.ready' }),
    stopped: msg('Half Tunes download stopped', { id: 'download-ui.stopped' }),
  };
}

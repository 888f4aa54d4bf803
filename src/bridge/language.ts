import type { PageToSw } from '../shared/messages.ts';
import { onLanguageChanged } from '../i18n/localization.ts';
import { currentWorkerWords } from '../i18n/worker-words.ts';

/**
 * The page's half of the language (its worker half: `src/sw/language.ts`): the worker says things
 * the person reads with no page open (a notification, the browser's download UI), so every page sends
 * it the words in its language when it connects and whenever the language changes.
 */
export function tellWorkerTheLanguage(send: (command: PageToSw) => void): void {
  const tell = (): void => send({ type: 'worker-words', words: currentWorkerWords() });
  tell();
  onLanguageChanged(tell);
}

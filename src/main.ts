import './styles/global.css';
import { installBridge } from './install/install-prompt.ts';
import { serviceWorkerBridge } from './bridge/update.ts';
import { speak, wantedLanguage } from './i18n/localization.ts';
import { connectMediaSession } from './player/media-session.ts';
import { player } from './player/player.ts';

// The install bridge must exist before `beforeinstallprompt` fires; the import above creates it.
void installBridge;
serviceWorkerBridge.register();
connectMediaSession(player);
// The first render speaks the person's language: its messages load before the app is defined. No
// top-level await: the app's chunk imports this module's chunk back, and would wait on it forever.
void speak(wantedLanguage())
  .catch(() => undefined)
  .then(() => import('./components/ht-app.ts'));

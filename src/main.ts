import './styles/global.css';
import { installBridge } from './install/install-prompt.ts';
import { serviceWorkerBridge } from './bridge/update.ts';
import { speak, wantedLanguage } from './i18n/localization.ts';
import { preparePlayer } from './player/player-loader.ts';
import { orderKept } from './player/up-next-key.ts';
import { catalog } from './catalog/index.ts';
import { hasSharedLink } from './share/share-params.ts';

// The install bridge must exist before `beforeinstallprompt` fires; the import above creates it.
void installBridge;
// Before the views read the address: a song or album shared to the app is where it opens (its
// parser loaded only then).
const shared = hasSharedLink(location.search)
  ? import('./share/share-in.ts').then(({ openSharedLink }) => openSharedLink()).catch(() => undefined)
  : Promise.resolve();
serviceWorkerBridge.register();
// The song and Up Next a reload left, paused; else the player's code comes with the first touch.
preparePlayer(catalog.base.origin, orderKept());
// The app's element follows the language and the address as they change; it is imported once both are
// settled. No top-level await: the app's chunk imports this module's chunk back, and would wait forever.
void Promise.all([speak(wantedLanguage()).catch(() => undefined), shared]).then(() => import('./components/ht-app.ts'));

import './styles/global.css';
import { installBridge } from './install/install-prompt.ts';
import { serviceWorkerBridge } from './bridge/update.ts';
import { connectMediaSession } from './player/media-session.ts';
import { player } from './player/player.ts';
import './components/ht-app.ts';

// The install bridge must exist before `beforeinstallprompt` fires; the import above creates it.
void installBridge;
serviceWorkerBridge.register();
connectMediaSession(player);

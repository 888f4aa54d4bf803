import type { Track } from '../../shared/catalog.ts';
import type {
  BackgroundFetchAnswer,
  HandOverCommand,
  PageToSw,
  SkipWaitingCommand,
  WorkerWordsCommand,
} from '../../shared/messages.ts';
import type { DownloadBroadcaster } from './broadcast.ts';
import type { KeptFlag } from './conditions.ts';
import type { Engine } from './engine.ts';
import type { OpenWindows } from './pages.ts';
import type { RunOptions } from './runs.ts';
import type { DownloadStore } from './store.ts';

/** What the download core is made of, as the worker (`sw.ts`) or a test puts it together. */
export interface ManagerOptions extends Pick<RunOptions, 'sleep'> {
  readonly store: DownloadStore;
  readonly broadcast: DownloadBroadcaster;
  /** The catalog's origin, whose previews are allowed besides Apple's. */
  readonly catalogOrigin: string;
  /**
   * Called when the last running download finished, with how many completed since the last time and
   * the name of their batch when one batch was all of them.
   */
  readonly onDrained: (completed: number, batch: string | null) => Promise<void>;
  /** Called when a download failed for lack of network, to resume it when the network returns. */
  readonly onNetworkLost?: () => Promise<void>;
  /** The engines, by the name a download records; Background Fetch only where the browser has it. */
  readonly engines: readonly Engine[];
  /**
   * Keeps a download's artwork beside it, for the library offline; never throws. Asked once the file
   * is whole and the queue drained (`ArtworkKeeping`): on a phone's link, artwork fetched beside the
   * audio would share its bandwidth.
   */
  readonly keepArtwork?: (track: Track) => Promise<void>;
  /** The app's open windows (the browser's list unless a test says otherwise). */
  readonly openWindows?: OpenWindows;
  /** Keeps "downloads wait for Wi-Fi" for a worker started with no page open to say it. */
  readonly wifiWait?: KeptFlag;
}

/** A page's command, as the manager takes them (the worker's own are handled in sw.ts). */
export type ManagerCommand = Exclude<
  PageToSw,
  SkipWaitingCommand | HandOverCommand | BackgroundFetchAnswer | WorkerWordsCommand
>;

import { player } from './player.ts';
import { followAudio, SleepTimer } from './sleep-timer.ts';

/** The app's sleep timer: it pauses the player, and follows its songs for "at the end of the song". */
export const sleepTimer = new SleepTimer(() => player.pause());
followAudio(sleepTimer, player.audio);

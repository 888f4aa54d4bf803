import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src/shared/catalog.ts';
import {
  newDownload,
  type DownloadEngine,
  type DownloadFailure,
  type DownloadStatus,
} from '../../../src/shared/downloads.ts';
import { transition, type Context, type DownloadEvent, type Step } from '../../../src/sw/download/transition.ts';

const track: Track = {
  id: 1,
  name: 'Harbour Lights',
  artist: 'The Demo Band',
  album: '',
  durationMs: null,
  previewUrl: 'https://audio-ssl.itunes.apple.com/p.m4a',
  artworkUrl: null,
  genre: null,
  releaseDate: null,
};

const failure = (code: DownloadFailure['code']): DownloadFailure => ({ code, message: code });

/** The events, by the name the tables use. */
const EVENTS: Record<string, DownloadEvent> = {
  pause: { kind: 'pause' },
  resume: { kind: 'resume' },
  launch: { kind: 'launch' },
  orphaned: { kind: 'orphaned', outside: false },
  'orphaned, its fetch going on': { kind: 'orphaned', outside: true },
  'try again': { kind: 'try-again' },
  'network back': { kind: 'network-back' },
  incomplete: { kind: 'incomplete', bytes: 10 },
  'start again': { kind: 'start', track: { id: 1 } as Track },
  'handed over': { kind: 'handed-over', fetchId: 'lot:1' },
  'wait for Wi-Fi': { kind: 'wait-for-wifi' },
  'lot missed': { kind: 'lot-missed' },
  cancel: { kind: 'cancel' },
  delete: { kind: 'delete' },
  stopped: { kind: 'stopped' },
  waiting: { kind: 'waiting' },
  stored: { kind: 'stored' },
  lost: { kind: 'lost' },
  changed: { kind: 'changed' },
  'paused by browser': { kind: 'paused-by-browser' },
  'gave up: no page': { kind: 'gave-up', why: 'no-page' },
  'gave up: fetch error': { kind: 'gave-up', why: 'fetch-error' },
  'gave up: CORS refused': { kind: 'gave-up', why: 'cors-refused' },
  'gave up: range ignored': { kind: 'gave-up', why: 'range-ignored' },
  'failed: network': { kind: 'failed', failure: failure('network') },
  'cut off': { kind: 'interrupted', failure: failure('network') },
  'cut off, offline': { kind: 'interrupted', failure: failure('network'), offline: true },
  'cut off, bytes stored': { kind: 'interrupted', failure: failure('network'), progressed: true },
  'cut off: server busy': { kind: 'interrupted', failure: failure('server') },
  'failed: quota': { kind: 'failed', failure: failure('quota') },
  'failed: size mismatch': { kind: 'failed', failure: failure('size-mismatch') },
};

const IDLE: Context = { running: false };
const SHOWN = { pageVisible: true, pageOpen: true, backgroundAllowed: true, backgroundFetch: true };
const HIDDEN = { ...SHOWN, pageVisible: false };
const RUNNING: Context = { running: true };

/** A step in a few words: `-` where nothing is written. */
function shown(step: Step): string {
  switch (step.write) {
    case 'none':
      return step.announce ? 'announce' : step.follow ? 'follow' : '-';
    case 'create':
      return 'create';
    case 'status':
      return [
        `→ ${step.status}`,
        step.engine && `by ${step.engine}`,
        step.fresh && 'fresh',
        step.forgetFetch && 'forget fetch',
        step.clearFailure && 'clear failure',
        step.stopOutside && 'stop its fetch',
      ]
        .filter(Boolean)
        .join(' ');
    case 'restart':
      return step.run ? 'restart now' : 'restart';
    case 'complete':
    case 'remove':
      return step.write;
    case 'follow':
      return `follow ${step.fetchId}`;
    case 'rung':
      return `${step.engine} (${step.keep}, ${step.run ? 'now' : 'queued'})`;
    case 'retry':
      return `try ${step.tries + 1} after ${step.afterMs / 1000} s (${step.failure.code})`;
    case 'fail':
      return `fail ${step.failure.code}${step.dropBytes ? ', drop bytes' : ''}`;
  }
}

const STATUSES: DownloadStatus[] = ['queued', 'downloading', 'paused', 'completed', 'failed'];

/**
 * Each event in each state, for a download of the Range-chunk engine that no run holds: one row per
 * event, one column per status (queued, downloading, paused, completed, failed).
 */
const RANGE_IDLE: Record<string, readonly string[]> = {
  pause: ['→ paused', '→ paused', '-', '-', '-'],
  resume: ['-', '→ queued fresh', '→ queued fresh', '-', '→ queued fresh'],
  launch: ['→ downloading', '-', '-', '-', '-'],
  orphaned: ['-', '→ queued', '-', '-', '-'],
  'orphaned, its fetch going on': ['-', 'follow', '-', '-', '-'],
  'wait for Wi-Fi': ['-', '→ queued', '-', '-', '-'],
  // Its stream was stopped for a page's lot the browser never took: back to the queue, bytes kept.
  'lot missed': ['-', '→ queued', '-', '-', '-'],
  'try again': ['-', '→ downloading clear failure', '-', '-', '-'],
  'network back': ['-', '-', '-', '-', '-'],
  incomplete: ['fail size-mismatch', 'fail size-mismatch', 'fail size-mismatch', '-', 'fail size-mismatch'],
  'start again': ['-', '-', '-', '-', '→ queued fresh'],
  // A page hid and started a background fetch for the rest: what still runs or waits goes to it.
  'handed over': ['follow lot:1', 'follow lot:1', '-', '-', '-'],
  // Only Delete removes a finished song.
  cancel: ['remove', 'remove', 'remove', '-', 'remove'],
  delete: ['remove', 'remove', 'remove', 'remove', 'remove'],
  stopped: ['-', '-', '-', '-', '-'],
  waiting: ['-', 'announce', '-', '-', '-'],
  stored: ['complete', 'complete', 'complete', '-', 'complete'],
  lost: ['-', '→ queued forget fetch', '-', '-', '-'],
  changed: ['-', 'restart', '-', '-', '-'],
  'paused by browser': ['-', '→ paused', '-', '-', '-'],
  'gave up: no page': ['-', 'fail unreachable', '-', '-', '-'],
  'gave up: fetch error': ['-', 'fail unreachable', '-', '-', '-'],
  'gave up: CORS refused': ['-', 'opaque (nothing, queued)', '-', '-', '-'],
  'gave up: range ignored': ['-', 'range (nothing, queued)', '-', '-', '-'],
  'failed: network': ['fail network', 'fail network', 'fail network', '-', 'fail network'],
  'cut off': ['-', 'try 2 after 1 s (network)', '-', '-', '-'],
  'cut off, offline': ['-', 'fail offline', '-', '-', '-'],
  'cut off, bytes stored': ['-', 'try 2 after 1 s (network)', '-', '-', '-'],
  'cut off: server busy': ['-', 'try 2 after 1 s (server)', '-', '-', '-'],
  'failed: quota': [
    'fail quota, drop bytes',
    'fail quota, drop bytes',
    'fail quota, drop bytes',
    '-',
    'fail quota, drop bytes',
  ],
  'failed: size mismatch': [
    'fail size-mismatch',
    'fail size-mismatch',
    'fail size-mismatch',
    '-',
    'fail size-mismatch',
  ],
};

/** Where the context, not the record, changes the step: [context, event, status, step]. */
const CONTEXTS: readonly [string, Context, string, DownloadStatus, string][] = [
  // A run holds it: the ladder's next rung and a restart go on in the same run.
  ['running', RUNNING, 'gave up: CORS refused', 'downloading', 'opaque (nothing, now)'],
  ['running', RUNNING, 'gave up: range ignored', 'downloading', 'range (nothing, now)'],
  ['running', RUNNING, 'changed', 'downloading', 'restart now'],
  // The engine that fits the moment: the worker's stream on screen, Background Fetch when no page is.
  ['a page on screen', { running: false, moment: SHOWN }, 'launch', 'queued', '→ downloading'],
  ['no page on screen', { running: false, moment: HIDDEN }, 'launch', 'queued', '→ downloading by background-fetch'],
  ['a run holds it', RUNNING, 'handed over', 'downloading', '-'],
  // "Download only on Wi-Fi" on a metered connection: nothing launches, a fetch the browser went on with stops.
  ['waiting for Wi-Fi', { running: false, waitingForWifi: true }, 'launch', 'queued', '-'],
  [
    'waiting for Wi-Fi',
    { running: false, waitingForWifi: true },
    'orphaned, its fetch going on',
    'downloading',
    '→ queued stop its fetch',
  ],
];

/** Where another engine, or a run holding the download, changes the step: [engine, running, event, status, step]. */
const EXCEPTIONS: readonly [DownloadEngine, boolean, string, DownloadStatus, string][] = [
  // A run holds it: not stuck, so Resume leaves it running, and nothing is orphaned.
  ['range', true, 'resume', 'downloading', '-'],
  ['range', true, 'orphaned', 'downloading', '-'],
  ['range', true, 'orphaned, its fetch going on', 'downloading', '-'],
  // Its run is stopped first; one still running has not let go of it.
  ['range', true, 'wait for Wi-Fi', 'downloading', '-'],
  ['range', true, 'lot missed', 'downloading', '-'],
  ['background-fetch', true, 'gave up: no page', 'downloading', 'range (prefix, now)'],
  ['background-fetch', false, 'gave up: no page', 'downloading', 'range (prefix, queued)'],
  ['background-fetch', true, 'gave up: fetch error', 'downloading', 'range (prefix, queued)'],
  ['background-fetch', true, 'gave up: CORS refused', 'downloading', 'opaque (nothing, now)'],
  ['background-fetch', true, 'gave up: range ignored', 'downloading', 'background-fetch (nothing, now)'],
  // A background fetch's news of a changed file: back to the queue, where the moment picks the engine.
  ['background-fetch', true, 'changed', 'downloading', 'restart'],
  // A segment left out: the next fetch asks for what is missing.
  ['background-fetch', false, 'incomplete', 'downloading', '→ queued'],
  ['opaque', false, 'gave up: CORS refused', 'downloading', 'fail unreadable'],
  ['opaque', true, 'gave up: range ignored', 'downloading', 'fail unreachable'],
];

/** Tries cut off in a row so far → the step after one more cut-off, without bytes stored and with. */
const TRIES: readonly [number, string, string][] = [
  [1, 'try 3 after 2 s (network)', 'try 2 after 1 s (network)'],
  [2, 'try 4 after 4 s (network)', 'try 2 after 1 s (network)'],
  [3, 'try 5 after 8 s (network)', 'try 2 after 1 s (network)'],
  // The fifth cut-off in a row: a host that stays unreachable is not asked again.
  [4, 'fail unreachable', 'try 2 after 1 s (network)'],
];

describe('the download state machine', () => {
  for (const [tries, cut, progressed] of TRIES) {
    it(`${tries} tries cut off so far, downloading: cut off again → ${cut}; with bytes stored → ${progressed}`, () => {
      const record = { ...newDownload(track, 0, 'range'), status: 'downloading' as const, tries };
      expect(shown(transition(record, EVENTS['cut off']!, RUNNING))).toBe(cut);
      expect(shown(transition(record, EVENTS['cut off, bytes stored']!, RUNNING))).toBe(progressed);
    });
  }

  it('a server busy at every try fails in its own words', () => {
    const record = { ...newDownload(track, 0, 'range'), status: 'downloading' as const, tries: 4 };
    expect(shown(transition(record, EVENTS['cut off: server busy']!, RUNNING))).toBe('fail server');
  });

  it('a file that changed a fourth time in a row fails in words; a Resume starts the count again', () => {
    const record = { ...newDownload(track, 0, 'range'), status: 'downloading' as const, restarts: 2 };
    expect(shown(transition(record, EVENTS.changed!, RUNNING))).toBe('restart now');
    const failed = transition({ ...record, restarts: 3 }, EVENTS.changed!, RUNNING);
    expect(failed).toMatchObject({ write: 'fail', failure: { message: expect.stringMatching(/kept changing/) } });
    expect(shown(transition({ ...record, status: 'failed', restarts: 4 }, EVENTS.resume!, IDLE))).toBe(
      '→ queued fresh',
    );
  });

  it('a new download is created queued, pinned to an engine where its page asked', () => {
    expect(transition(undefined, { kind: 'start', track }, IDLE)).toEqual({ write: 'create', track });
    const pinned: DownloadEvent = { kind: 'start', track, pinned: 'background-fetch' };
    expect(transition(undefined, pinned, IDLE)).toEqual({ write: 'create', track, pinned: 'background-fetch' });
    // Nothing else happens to a download that does not exist.
    expect(shown(transition(undefined, EVENTS.pause!, IDLE))).toBe('-');
  });

  it('the network back asks again, once, a download that failed for lack of it, and nothing else', () => {
    const failedWith = (code: DownloadFailure['code']) => ({
      ...newDownload(track, 0, 'range'),
      status: 'failed' as const,
      failure: failure(code),
    });
    for (const code of ['offline', 'unreachable', 'network'] as const) {
      expect(shown(transition(failedWith(code), EVENTS['network back']!, IDLE))).toBe('→ queued fresh');
    }
    for (const code of ['not-found', 'quota', 'server'] as const) {
      expect(shown(transition(failedWith(code), EVENTS['network back']!, IDLE))).toBe('-');
    }
  });

  for (const [name, row] of Object.entries(RANGE_IDLE)) {
    it(`${name}: ${STATUSES.map((status, i) => `${status} ${row[i]}`).join('; ')}`, () => {
      const steps = STATUSES.map((status) =>
        shown(transition({ ...newDownload(track, 0, 'range'), status }, EVENTS[name]!, IDLE)),
      );
      expect(steps).toEqual(row);
    });
  }

  for (const [engine, running, name, status, expected] of EXCEPTIONS) {
    it(`${engine}${running ? ', running' : ''}, ${status}, ${name}: ${expected}`, () => {
      const record = { ...newDownload(track, 0, engine), status };
      expect(shown(transition(record, EVENTS[name]!, running ? RUNNING : IDLE))).toBe(expected);
    });
  }

  for (const [where, context, name, status, expected] of CONTEXTS) {
    it(`${where}, ${status}, ${name}: ${expected}`, () => {
      const record = { ...newDownload(track, 0, 'range'), status };
      expect(shown(transition(record, EVENTS[name]!, context))).toBe(expected);
    });
  }
});

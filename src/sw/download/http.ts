import type { DownloadFailure, Validator } from '../../shared/downloads.ts';

/** A parsed `Content-Range: bytes start-end/total` (total null for `*`). */
export interface ContentRange {
  readonly start: number;
  readonly end: number;
  readonly total: number | null;
}

export function parseContentRange(header: string | null): ContentRange | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

/** The response's validator: a strong ETag (weak ones cannot guard a Range), else Last-Modified. */
export function readValidator(headers: Headers): Validator | null {
  const etag = headers.get('ETag');
  const strong = etag && !etag.startsWith('W/') ? etag : null;
  const lastModified = headers.get('Last-Modified');
  return strong || lastModified ? { etag: strong, lastModified } : null;
}

/**
 * Whether a file changed between two answers: by ETag where both show one, else by Last-Modified;
 * null when they share neither, so nothing can be told (Background Fetch on another origin hides
 * ETag; Last-Modified is readable there, being CORS-safelisted).
 */
export function versionChanged(stored: Validator | null, fresh: Validator | null): boolean | null {
  if (stored?.etag && fresh?.etag) return stored.etag !== fresh.etag;
  if (stored?.lastModified && fresh?.lastModified) return stored.lastModified !== fresh.lastModified;
  return null;
}

/** A download failure; `transient` ones (a dropped connection, 429, 5xx) are retried with backoff first. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly failure: DownloadFailure,
    readonly transient: boolean,
  ) {
    super(failure.message);
  }
}

/** The failure an HTTP status means, in words a person understands. */
export function errorForStatus(status: number): DownloadError {
  if (status === 404 || status === 410) {
    return new DownloadError(
      { code: 'not-found', message: `The preview is no longer on the server (${status}).`, status },
      false,
    );
  }
  if (status === 401 || status === 403) {
    return new DownloadError(
      { code: 'refused', message: `The server refused the download (${status}).`, status },
      false,
    );
  }
  if (status === 429) {
    return new DownloadError(
      { code: 'server', message: 'The server is busy (429). Try again in a minute.', status },
      true,
    );
  }
  if (status >= 500) {
    return new DownloadError({ code: 'server', message: `The server had a problem (${status}).`, status }, true);
  }
  return new DownloadError({ code: 'server', message: `The server answered ${status}.`, status }, false);
}

export const networkError = (): DownloadError =>
  new DownloadError({ code: 'network', message: 'The connection was lost.' }, true);

/** Cut off with the device offline: no try can help until the network is back, when it continues by itself. */
export const offlineFailure = (): DownloadFailure => ({
  code: 'offline',
  message: 'The connection was lost. It continues by itself when you are back online.',
});

/** Online, and every try of a download was cut off: the host is gone, or resets every connection. */
export const unreachableFailure = (): DownloadFailure => ({
  code: 'unreachable',
  message: 'The preview host can’t be reached.',
});

/** Whether something thrown is the abort of a pause or cancel. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Thrown when the host answers but without CORS headers, so its bytes cannot be read. */
export class CorsRefused extends Error {
  override readonly name = 'CorsRefused';
}

/** The file on the host is another version than the bytes stored (or no longer their size): an outcome, `changed`. */
export class FileChanged extends Error {
  override readonly name = 'FileChanged';
}

/** Bytes are stored, but the host answered with the whole file: they cannot be continued (`range-ignored`). */
export class RangeIgnored extends Error {
  override readonly name = 'RangeIgnored';
}

/** Every rung of the ladder met a host whose bytes cannot be read. */
export const unreadableError = (): DownloadError =>
  new DownloadError(
    { code: 'unreadable', message: 'The preview host does not let Half Tunes read this preview.' },
    false,
  );

/**
 * The media types a preview may have: Apple's are AAC in MP4 (`audio/x-m4a`, `audio/mp4`), the demo
 * catalog's WAV. Anything else (an HTML page, an SVG with script) is never stored, as our origin would
 * serve it.
 */
const AUDIO_TYPES = new Set([
  'audio/x-m4a',
  'audio/mp4',
  'audio/m4a',
  'audio/aac',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/ogg',
  'audio/webm',
]);

export const isAudioType = (type: string | null | undefined): boolean => AUDIO_TYPES.has(type ?? '');

/** @throws the failure of a preview that is not audio */
export function assertAudio(type: string): void {
  if (isAudioType(type)) return;
  throw new DownloadError(
    { code: 'not-audio', message: `This preview is not audio (the host sent ${type}).`, detail: type },
    false,
  );
}

/** A host that answered something other than what was asked: retrying would only ask it again. */
export const badAnswerError = (detail: string): DownloadError =>
  new DownloadError({ code: 'bad-answer', message: `The preview host sent a wrong answer: ${detail}.`, detail }, false);

/**
 * The 206 is exactly the range asked, `bytes=start-askedEnd`: it starts there and ends there, or at the
 * file's last byte, and its Content-Length (when sent) agrees. A host that sends more, or elsewhere,
 * is refused before a byte of its body is read.
 * @returns the range as answered
 * @throws badAnswerError
 */
export function exactRange(response: Response, start: number, askedEnd: number): ContentRange {
  const range = parseContentRange(response.headers.get('Content-Range'));
  if (!range) throw badAnswerError('a partial answer without a readable Content-Range');
  const lastByte = range.total === null ? askedEnd : Math.min(askedEnd, range.total - 1);
  if (range.start !== start || range.end > askedEnd || (range.total !== null && range.end !== lastByte)) {
    throw badAnswerError(`bytes ${range.start}-${range.end} where ${start}-${askedEnd} were asked`);
  }
  const length = contentLengthOf(response);
  if (length !== null && length !== range.end - range.start + 1) {
    throw badAnswerError(`${length} bytes for a range of ${range.end - range.start + 1}`);
  }
  return range;
}

/**
 * The worker's own request for bytes `from` to `to` (to the end without it) of a preview: a single
 * range, with or without its end, is CORS-safelisted, so it costs no preflight. (If-Range is not, so it
 * is never sent: callers check each 206's validator and size instead.)
 */
export function fetchRange(url: string, from: number, to: number | null, signal: AbortSignal): Promise<Response> {
  return fetch(url, {
    headers: { Range: `bytes=${from}-${to ?? ''}` },
    signal,
    // Chromium would also write the file into its HTTP cache, competing for the disk.
    cache: 'no-store',
    credentials: 'omit',
    mode: 'cors',
    referrerPolicy: 'no-referrer',
  });
}

/**
 * Cancels an answer's body that is not wanted, so its connection closes. A body that already failed
 * refuses to be cancelled: the error that led here is the one to tell, not that refusal.
 */
export async function discard(response: Response | null | undefined): Promise<void> {
  await response?.body?.cancel().catch(() => undefined);
}

/** Runs checks of an answer's headers; a refused answer's body is cancelled, never read. */
export async function refusing<T>(response: Response, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    await discard(response);
    throw error;
  }
}

/** The Content-Length, or null when absent or not a size. */
export function contentLengthOf(response: Response): number | null {
  const header = response.headers.get('Content-Length');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  const length = Number(header);
  return Number.isSafeInteger(length) ? length : null;
}

/** The response's media type, or a safe default. */
export function contentTypeOf(response: Response): string {
  const type = response.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream';
}

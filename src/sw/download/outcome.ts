import type { DownloadFailure } from '../../shared/downloads.ts';
import { CorsRefused, DownloadError, FileChanged, RangeIgnored, isAbort } from './http.ts';
import { quotaError } from './quota.ts';
import type { Outcome } from './transition.ts';

/** What a failure means, in words. */
export function failureOf(error: unknown): DownloadFailure {
  if (error instanceof DownloadError) return error.failure;
  // A full disk refusing a write of state rather than of bytes.
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return quotaError().failure;
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'unknown', message: `Something went wrong: ${reason}`, detail: reason };
}

/** What an engine's error means for its download: an engine's run ends in an outcome, never a throw. */
export function outcomeOf(error: unknown, signal: AbortSignal): Outcome {
  if (isAbort(error) && signal.aborted) return { kind: 'stopped' };
  if (error instanceof CorsRefused) return { kind: 'gave-up', why: 'cors-refused' };
  if (error instanceof FileChanged) return { kind: 'changed' };
  if (error instanceof RangeIgnored) return { kind: 'gave-up', why: 'range-ignored' };
  if (error instanceof DownloadError && error.transient) return { kind: 'interrupted', failure: error.failure };
  return { kind: 'failed', failure: failureOf(error) };
}

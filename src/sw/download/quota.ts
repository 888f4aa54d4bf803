import { DownloadError } from './http.ts';

export const isQuotaError = (error: unknown): boolean =>
  error instanceof DOMException && error.name === 'QuotaExceededError';

/** Thrown when storage is full; the caller deletes the partial bytes. */
export const quotaError = (): DownloadError =>
  new DownloadError({ code: 'quota', message: 'Not enough storage. Delete some downloads to make room.' }, false);

/** Runs a write of bytes, turning a full disk (it surfaces when the transaction commits) into `quotaError`. */
export async function storingBytes<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw quotaError();
    throw error;
  }
}

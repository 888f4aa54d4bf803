/**
 * Whether the app was opened with something shared that it cannot open (src/share/share-in.ts sets
 * it): apart, so the app shows the words without loading the share's parser on every start.
 */
let refused = false;

export const sharedLinkRefused = (): boolean => refused;

export function refuseSharedLink(): void {
  refused = true;
}

/** The person read that the share could not be opened. */
export function dismissSharedLinkRefusal(): void {
  refused = false;
}

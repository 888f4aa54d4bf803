/** What a song without artwork, or whose artwork failed to load, shows (precached, so offline too). */
export const PLACEHOLDER_ARTWORK = '/artwork-placeholder.svg';

/** An `<img>`'s error handler: the placeholder instead of a broken image. */
export function showPlaceholder(event: Event): void {
  const img = event.currentTarget as HTMLImageElement;
  if (!img.src.endsWith(PLACEHOLDER_ARTWORK)) img.src = PLACEHOLDER_ARTWORK;
}

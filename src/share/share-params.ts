/** The share target's parameters: the manifest names them (vite.config.ts), the page reads them (share-in.ts). */
export const SHARE_PARAMS = { title: 'share-title', text: 'share-text', url: 'share-url' } as const;

/** Whether an address's query carries what another app shared. */
export const hasSharedLink = (search: string): boolean =>
  Object.values(SHARE_PARAMS).some((name) => new URLSearchParams(search).has(name));

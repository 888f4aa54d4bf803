import { describe, expect, it } from 'vitest';
import { openDownloads } from '../../../src/sw/notify.ts';

/** A stand-in for the browser's Clients: windows with a URL, focus and openWindow recorded. */
function fakeClients(urls: { url: string; focused?: boolean }[]) {
  const calls: string[] = [];
  const windows = urls.map(({ url, focused = false }) => ({
    url,
    focused,
    focus: async (): Promise<unknown> => {
      calls.push(`focus ${url}`);
      return windows.find((w) => w.url === url);
    },
  }));
  const clients = {
    matchAll: async () => windows,
    openWindow: async (url: string) => {
      calls.push(`open ${url}`);
      return null;
    },
  };
  return { clients: clients as unknown as Clients, calls };
}

describe('clicking "Downloads finished"', () => {
  const origin = 'https://halftunes.example';

  it('opens the app on its downloads when no window is open', async () => {
    const { clients, calls } = fakeClients([{ url: 'https://other.example/' }]);
    await openDownloads(clients, origin);
    expect(calls).toEqual([`open ${origin}/#/downloads`]);
  });

  it('focuses an open window of the app, the focused one first', async () => {
    const { clients, calls } = fakeClients([{ url: `${origin}/` }, { url: `${origin}/?engine=range`, focused: true }]);
    await openDownloads(clients, origin);
    expect(calls).toEqual([`focus ${origin}/?engine=range`]);
  });
});

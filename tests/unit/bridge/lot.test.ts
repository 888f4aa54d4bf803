import { describe, expect, it } from 'vitest';
import { lotTitle, shareOfFetch } from '../../../src/bridge/lot.ts';
import type { Track } from '../../../src/shared/catalog.ts';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';

const song = (id: number, name: string): Track => ({ id, name, artist: 'The Paper Lanterns' }) as Track;

/** A download of a lot, `stored` of its `total` bytes stored, asked for in the order of `id`. */
function inLot(id: number, stored: number, total: number | null, fetchId = 'lot:1'): DownloadRecord {
  return {
    ...newDownload(song(id, `Song ${id}`), id, 'background-fetch'),
    status: 'downloading',
    backgroundFetchId: fetchId,
    bytesReceived: stored,
    bytesTotal: total,
  };
}

describe('a lot in the browser’s download UI', () => {
  it('is named by its batch, its one song, or how many songs', () => {
    const album = { id: 'album:1', name: 'Harbour Lights' };
    expect(
      lotTitle([
        { ...inLot(1, 0, 10), batch: album },
        { ...inLot(2, 0, 10), batch: album },
      ]),
    ).toBe('Harbour Lights');
    expect(lotTitle([inLot(1, 0, 10)])).toBe('Song 1 — The Paper Lanterns');
    expect(lotTitle([{ ...inLot(1, 0, 10), batch: album }, inLot(2, 0, 10)])).toBe('2 songs');
  });
});

describe('the bytes a lot brought, shown in its downloads’ rows', () => {
  const lot = [inLot(1, 40, 100), inLot(2, 0, 50), inLot(3, 0, null), inLot(4, 0, 10, 'lot:other')];

  it('fill its downloads one after the other, each up to what it lacks; another fetch’s are not theirs', () => {
    expect(lot.map((download) => shareOfFetch(download, lot, 80))).toEqual([60, 20, 0, 10]);
    expect(lot.map((download) => shareOfFetch(download, lot, 200))).toEqual([60, 50, 90, 10]);
  });

  it('of a fetch of one download are all its own', () => {
    expect(shareOfFetch(lot[3]!, lot, 7)).toBe(7);
  });
});

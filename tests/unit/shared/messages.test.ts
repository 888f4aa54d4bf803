import { describe, expect, it } from 'vitest';
import {
  CATALOG_RELAY_HEADER,
  CATALOG_STATUS_HEADER,
  isPageToSw,
  isSwToPage,
  readCatalogRelay,
} from '../../../src/shared/messages.ts';

describe('message guards', () => {
  it('accept the commands and events they know', () => {
    expect(isPageToSw({ type: 'SKIP_WAITING' })).toBe(true);
    expect(isSwToPage({ type: 'version-reported', version: '1' })).toBe(true);
  });

  it('refuse anything else', () => {
    for (const data of [null, undefined, 'SKIP_WAITING', 42, {}, { type: 'skip' }, { type: 'version-reported' }]) {
      expect(isPageToSw(data) || isSwToPage(data), JSON.stringify(data)).toBe(false);
    }
  });
});

describe('readCatalogRelay', () => {
  it('reads the relay’s outcomes and the status it moved', () => {
    expect(readCatalogRelay(new Headers({ [CATALOG_RELAY_HEADER]: 'cors-refused' }))).toEqual({
      outcome: 'cors-refused',
    });
    expect(readCatalogRelay(new Headers({ [CATALOG_RELAY_HEADER]: 'status', [CATALOG_STATUS_HEADER]: '403' }))).toEqual(
      {
        outcome: 'status',
        status: 403,
      },
    );
  });

  it('ignores answers that did not come through the relay, or a nonsense status', () => {
    expect(readCatalogRelay(new Headers())).toBeNull();
    expect(
      readCatalogRelay(new Headers({ [CATALOG_RELAY_HEADER]: 'status', [CATALOG_STATUS_HEADER]: 'x' })),
    ).toBeNull();
    expect(readCatalogRelay(new Headers({ [CATALOG_RELAY_HEADER]: 'maybe' }))).toBeNull();
  });
});

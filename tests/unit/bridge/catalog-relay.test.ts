import { describe, expect, it } from 'vitest';
import { extraRequestsOf, relayOf, sentVia } from '../../../src/bridge/catalog-relay.ts';
import {
  CATALOG_EXTRA_REQUESTS_HEADER,
  CATALOG_RELAY_HEADER,
  CATALOG_STATUS_HEADER,
  MAX_EXTRA_CATALOG_REQUESTS,
} from '../../../src/shared/catalog-relay.ts';

/** An answer with `headers` to a request sent while our worker controlled the page. */
function relayed(headers?: HeadersInit): Response {
  const response = new Response(null, { headers });
  sentVia(response, true);
  return response;
}

describe('answers our worker did not relay', () => {
  it('are never believed, whatever headers the catalog sent', () => {
    const response = new Response(null, {
      headers: { [CATALOG_RELAY_HEADER]: 'cors-refused', [CATALOG_EXTRA_REQUESTS_HEADER]: '2' },
    });
    sentVia(response, false);
    expect(relayOf(response)).toBeNull();
    expect(extraRequestsOf(response)).toBe(0);
  });
});

describe('what the relay says', () => {
  it('reads the relay’s outcomes and the status it moved', () => {
    expect(relayOf(relayed({ [CATALOG_RELAY_HEADER]: 'cors-refused' }))).toEqual({
      outcome: 'cors-refused',
    });
    expect(relayOf(relayed({ [CATALOG_RELAY_HEADER]: 'status', [CATALOG_STATUS_HEADER]: '403' }))).toEqual({
      outcome: 'status',
      status: 403,
    });
  });

  it('ignores answers that did not come through the relay, or a nonsense status', () => {
    expect(relayOf(relayed())).toBeNull();
    expect(relayOf(relayed({ [CATALOG_RELAY_HEADER]: 'status', [CATALOG_STATUS_HEADER]: 'x' }))).toBeNull();
    expect(relayOf(relayed({ [CATALOG_RELAY_HEADER]: 'maybe' }))).toBeNull();
  });
});

describe('the requests the worker sent beyond the page’s', () => {
  const extra = (value: string) => extraRequestsOf(relayed({ [CATALOG_EXTRA_REQUESTS_HEADER]: value }));

  it('reads how many requests the worker sent beyond the page’s', () => {
    expect(extraRequestsOf(relayed())).toBe(0);
    expect(extra('1')).toBe(1);
    expect(extra('2')).toBe(2);
  });

  it('takes nonsense as none, and never more than the relay can send', () => {
    expect(extra('-3')).toBe(0);
    expect(extra('1.5')).toBe(0);
    expect(extra('many')).toBe(0);
    expect(extra('1000')).toBe(MAX_EXTRA_CATALOG_REQUESTS);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCatalog, type CatalogOptions } from '../../../server/catalog-server.ts';

/** Starts a real demo catalog on a free loopback port. */
export async function startCatalog(options: CatalogOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(createCatalog(options));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/**
 * Sends a change to a demo catalog's control endpoint (`faults`, `stats`, `extra-results`, `reset`), as
 * JSON: the only body type it accepts for a change.
 */
export function sendControl(
  url: string,
  path: string,
  method: 'PUT' | 'POST' | 'DELETE',
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}/__control/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

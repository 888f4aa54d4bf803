/// <reference lib="webworker" />
import { registerRoute } from 'workbox-routing';
import { DOWNLOADS_PATH } from './notify.ts';

declare let self: ServiceWorkerGlobalScope;

/**
 * What our origin adds to every stored file it serves. The bytes came from a host we do not trust:
 * never sniffed into another type, and, should a browser render them anyway, a sandbox with no script,
 * no origin and nothing to load.
 */
export const LOCAL_MEDIA_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
} as const;

/** A response with `LOCAL_MEDIA_HEADERS` added (an opaque one cannot carry headers, nor be shown as a page). */
function withLocalMediaHeaders(response: Response): Response {
  if (response.type === 'opaque') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(LOCAL_MEDIA_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Routes the local URLs of stored media (`pattern` captures the track id). They answer only what loads
 * media — `destinations` (`audio`, `image`…) and the app's own `fetch` — never a page, a frame, an
 * object or a script: a navigation goes to the library instead, anything else is refused.
 */
export function routeLocalMedia(
  pattern: RegExp,
  destinations: readonly RequestDestination[],
  answer: (trackId: number, request: Request, event: ExtendableEvent) => Promise<Response>,
): void {
  const allowed = new Set<RequestDestination>(['', ...destinations]);
  registerRoute(
    ({ url, sameOrigin }) => sameOrigin && pattern.test(url.pathname),
    async ({ url, request, event }) => {
      if (request.mode === 'navigate')
        return Response.redirect(new URL(DOWNLOADS_PATH, self.location.origin).href, 303);
      if (!allowed.has(request.destination)) {
        return new Response('Stored media is not a page.', {
          status: 403,
          headers: { 'Content-Type': 'text/plain; charset=utf-8', ...LOCAL_MEDIA_HEADERS },
        });
      }
      const trackId = Number(pattern.exec(url.pathname)![1]);
      return withLocalMediaHeaders(await answer(trackId, request, event as ExtendableEvent));
    },
  );
}

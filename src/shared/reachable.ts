/**
 * Whether a host answers an opaque (no-cors) request. A CORS refusal and a network failure look alike
 * to `fetch`; this tells them apart: the host is there, only without CORS headers. Only the answer's
 * arrival matters, so the body is never read.
 */
export async function reachableWithoutCors(url: string | URL, signal?: AbortSignal): Promise<boolean> {
  const probe = new AbortController();
  try {
    await fetch(url, {
      mode: 'no-cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: signal ? AbortSignal.any([signal, probe.signal]) : probe.signal,
    });
    return true;
  } catch {
    return false;
  } finally {
    probe.abort();
  }
}

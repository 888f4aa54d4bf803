#!/usr/bin/env node
// Debian's Firefox ESR for Playwright's `moz-firefox` channel (WebDriver BiDi), given as the browser's
// `executablePath`. Playwright 1.65 sends `emulation.setMediaFeaturesOverride` with every new
// context, and ESR 153 does not have that command ("unknown command"), so no context could open.
// This starts firefox-esr with Playwright's arguments and relays the BiDi WebSocket unchanged,
// answering that one command itself: success when it asks for no override or for "light" (what
// headless Firefox renders anyway), an error for anything else, so a dark-mode test fails loudly
// rather than passing falsely. Playwright learns the address from the "WebDriver BiDi listening on"
// line Firefox prints on stderr; the relay prints its own instead.
import { spawn } from 'node:child_process';
import { WebSocket, WebSocketServer } from 'ws';

const FIREFOX = process.env.FIREFOX_ESR_PATH || '/usr/bin/firefox-esr';
const LISTENING = /WebDriver BiDi listening on (ws:\/\/\S+)/;
const MAX_PAYLOAD = 256 * 1024 * 1024;

/** The answer to a command ESR lacks, or undefined to pass the command on. */
function answerLocally(message) {
  if (message?.method !== 'emulation.setMediaFeaturesOverride') return undefined;
  const features = message.params?.features ?? {};
  const unsupported = Object.values(features).some(
    (value) => value !== null && value !== undefined && value !== 'light',
  );
  if (!unsupported) return { type: 'success', id: message.id, result: {} };
  return {
    type: 'error',
    id: message.id,
    error: 'unsupported operation',
    message: `Firefox ESR cannot emulate media features ${JSON.stringify(features)}`,
  };
}

function relay(upstreamBase) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
  server.on('listening', () => {
    process.stderr.write(`WebDriver BiDi listening on ws://127.0.0.1:${server.address().port}\n`);
  });
  server.on('connection', (client, request) => {
    const upstream = new WebSocket(upstreamBase + request.url, { perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
    const waiting = [];
    upstream.on('open', () => waiting.splice(0).forEach((text) => upstream.send(text)));
    upstream.on('message', (data, isBinary) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
    upstream.on('close', () => client.close());
    upstream.on('error', () => client.terminate());
    client.on('message', (data) => {
      const text = data.toString('utf8');
      let local;
      try {
        local = answerLocally(JSON.parse(text));
      } catch {
        // Not JSON: Firefox answers it.
      }
      if (local) client.send(JSON.stringify(local));
      else if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else waiting.push(text);
    });
    client.on('close', () => upstream.close());
    client.on('error', () => upstream.terminate());
  });
}

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
let relayed = false;
let pending = '';
firefox.stderr.on('data', (chunk) => {
  if (relayed) return void process.stderr.write(chunk);
  pending += chunk.toString('utf8');
  for (let end = pending.indexOf('\n'); end !== -1 && !relayed; end = pending.indexOf('\n')) {
    const line = pending.slice(0, end + 1);
    pending = pending.slice(end + 1);
    const listening = LISTENING.exec(line);
    if (listening) {
      relayed = true;
      relay(listening[1]);
    } else process.stderr.write(line);
  }
  if (relayed && pending) {
    process.stderr.write(pending);
    pending = '';
  }
});
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));

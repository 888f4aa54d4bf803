/**
 * Runs the demo catalog alone on its own port (cross-origin to the app):
 *   npm run catalog -- --port 8787 [--faults '{"search":{"noCors":true}}'] [--name catalog.example]
 * It answers loopback names only, and `--name` (repeatable): the name it is reached by elsewhere.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createCatalog } from './catalog-server.ts';
import { parseFaultSettings } from './faults.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    faults: { type: 'string' },
    name: { type: 'string', multiple: true },
  },
});

const faults = values.faults ? parseFaultSettings(JSON.parse(values.faults)) : {};
const server = createServer(createCatalog({ faults, hostNames: values.name ?? [] }));
server.listen(Number(values.port), values.host, () => {
  console.log(`Demo catalog: http://${values.host}:${values.port}/search?term=love`);
});

/**
 * Runs the demo catalog alone on its own port (cross-origin to the app):
 *   npm run catalog -- --port 8787 [--faults '{"search":{"noCors":true}}']
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
  },
});

const faults = values.faults ? parseFaultSettings(JSON.parse(values.faults)) : {};
const server = createServer(createCatalog({ faults }));
server.listen(Number(values.port), values.host, () => {
  console.log(`Demo catalog: http://${values.host}:${values.port}/search?term=love`);
});

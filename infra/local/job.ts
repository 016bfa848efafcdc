/**
 * `npm run -s job -- <job> [--at <ISO instant>]`: runs one scheduled job once, as if at that instant, inside the
 * running local stack (so it uses the same emulators and configuration as the handlers).
 */
import { parseArgs } from 'node:util';
import { schedules } from '../../shared/api/schedules.js';
import { localPorts } from './ports.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
const name = positionals[0];
const names = schedules.map((s) => s.name);
if (!name || !names.includes(name as (typeof names)[number])) {
  console.error(`Usage: npm run -s job -- <${names.join('|')}> [--at <ISO instant>]`);
  process.exit(2);
}
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at must be an ISO instant such as 2027-01-01T09:00:00Z, not ${values.at}`);
  process.exit(2);
}

const url = `http://localhost:${localPorts().apiPort}/_local/jobs/${name}?at=${encodeURIComponent(at.toISOString())}`;
try {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
  console.log(JSON.stringify(await response.json(), null, 2));
  if (!response.ok) process.exit(1);
} catch {
  console.error(`The local stack is not running on ${url.split('/_local')[0]}; start it with npm start.`);
  process.exit(1);
}

/** `npm run job -- <id>`: runs a scheduled job now on the running local cloud and prints its result. */
import { schedules } from '#definitions/schedules.ts';
import { portsFromEnvironment } from './ports.ts';

const id = process.argv[2];
if (!id || !(id in schedules)) {
  console.error(`Usage: npm run job -- <id>, one of: ${Object.keys(schedules).join(', ')}`);
  process.exit(2);
}
const api = process.env.API_URL ?? `http://localhost:${portsFromEnvironment().api}`;
const response = await fetch(`${api}/_local/jobs/${id}`, { method: 'POST' }).catch((error: unknown) => {
  console.error(`No answer from ${api} (${error instanceof Error ? error.name : 'error'}): is \`npm start\` running?`);
  return process.exit(1);
});
if (!response.ok) {
  console.error(`Job ${id} failed at ${api} (${response.status}): is \`npm start\` running?`);
  process.exit(1);
}
console.log(JSON.stringify(await response.json(), null, 2));

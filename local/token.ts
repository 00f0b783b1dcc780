/** `npm run token -- <account>`: logs a demo account in through the running API and prints its ID token. */
import { demoAccounts, demoPassword } from './seed.ts';
import { portsFromEnvironment } from './ports.ts';

const key = process.argv[2];
const account = demoAccounts.find((candidate) => candidate.key === key);
if (!account) {
  console.error(`Usage: npm run token -- <account>, one of: ${demoAccounts.map((a) => a.key).join(', ')}`);
  process.exit(2);
}
const api = process.env.API_URL ?? `http://localhost:${portsFromEnvironment().api}`;
const response = await fetch(`${api}/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: account.email, password: demoPassword }),
}).catch((error: unknown) => {
  console.error(`No answer from ${api} (${error instanceof Error ? error.name : 'error'}): is \`npm start\` running?`);
  return process.exit(1);
});
if (!response.ok) {
  console.error(`Login failed at ${api} (${response.status}): is \`npm start\` running?`);
  process.exit(1);
}
const { idToken } = (await response.json()) as { idToken: string };
console.log(idToken);

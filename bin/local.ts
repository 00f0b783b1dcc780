/**
 * `npm start`: the whole service on this machine, offline. One supervising process starts every
 * stand-in, seeds demo data, prints where everything is, and stops it all on Ctrl-C.
 *   --persist[=<dir>]  keep data across restarts (default dir .local/data); LOCAL_DATA_DIR too.
 */
import { startLocalCloud } from '#local/cloud.ts';
import { portsFromEnvironment } from '#local/ports.ts';
import { ensureWebBuild, webRoot } from '#local/web-build.ts';
import { durationMs } from '#offers/offer-rules.ts';
import { environmentSchema } from '#shared/environment.ts';

const started = performance.now();
const persistArg = process.argv.slice(2).find((arg) => arg.startsWith('--persist'));
const dataDir = process.env.LOCAL_DATA_DIR || (persistArg ? persistArg.split('=')[1] || '.local/data' : undefined);

/** The lifecycle's durations can be shortened for a walk-through, e.g. `APPLICATION_WINDOW=PT2M npm start`. */
const durationVariables = {
  applicationWindow: 'APPLICATION_WINDOW',
  commissionDeadline: 'COMMISSION_DEADLINE',
  commissionGrace: 'COMMISSION_GRACE',
  acceptancePeriod: 'ACCEPTANCE_PERIOD',
} as const;
const durations = Object.fromEntries(
  Object.entries(durationVariables).flatMap(([key, variable]) => {
    const value = process.env[variable];
    if (!value) return [];
    durationMs(value); // refuses anything but an ISO 8601 duration in weeks, days, hours, minutes, seconds
    return [[key, value]];
  }),
);

/** And the selection rounds an offer may have (issue #13 item 6), e.g. `SELECTION_ROUNDS=3 npm start`; 2 when absent. */
const selectionRounds = environmentSchema.shape.SELECTION_ROUNDS.parse(process.env.SELECTION_ROUNDS || undefined);

try {
  // The web app builds (or is found up to date) while the stand-ins start.
  const webBuild = ensureWebBuild();
  webBuild.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const cloud = await startLocalCloud({
    durations,
    selectionRounds,
    ports: portsFromEnvironment(),
    dataDir,
    seed: true,
    webRoot,
  });
  const web = await webBuild.catch(async (error: unknown) => {
    await cloud.stop();
    throw error;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const accounts = cloud.demoAccounts
    .map((account) => `    ${account.key.padEnd(14)} ${account.email.padEnd(34)} ${account.description}`)
    .join('\n');
  console.log(`
Local cloud ready in ${seconds} s${dataDir ? ` (data kept in ${dataDir})` : ' (in memory)'}; web app ${web.rebuilt ? `built in ${web.seconds} s` : 'up to date'}

  Web app          ${cloud.urls.web}/             (same origin as the API; e-mailed links open it)
  API              ${cloud.urls.api}          health: ${cloud.urls.api}/health
  API reference    ${cloud.urls.docs}     OpenAPI: ${cloud.urls.api}/openapi.json
  Mailbox (SES)    ${cloud.urls.mailbox}
  DynamoDB Local   ${cloud.urls.dynamodb}
  Cognito (local)  ${cloud.urls.cognito}   user pool ${cloud.userPoolId}
  S3 (s3rver)      ${cloud.urls.s3}
  Step Functions   ${cloud.urls.stepFunctions}   offer lifecycle: window ${cloud.environment.APPLICATION_WINDOW}, commission ${cloud.environment.COMMISSION_DEADLINE} (+${cloud.environment.COMMISSION_GRACE}), acceptance ${cloud.environment.ACCEPTANCE_PERIOD}, ${selectionRounds} rounds

  Demo accounts (password ${cloud.demoPassword}):
${accounts}

  Get a token:     npm run token -- operator      (or POST ${cloud.urls.api}/auth/login)
  Run a job now:   npm run job -- outboxSweeper   (or POST ${cloud.urls.api}/_local/jobs/<id>)

Ctrl-C stops everything.`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local cloud...`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  console.error(`\nThe local cloud could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { assertPortFree } from './process.ts';
import type { RunningService } from './service.ts';

/** An email as aws-ses-v2-local keeps it (`GET /store`), parsed rather than trusted. */
export const emailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  /** Epoch seconds at which the stand-in accepted the email. */
  at: z.number(),
});
export type Email = z.infer<typeof emailSchema>;

// Loaded with `require` because Node and vitest disagree on the default export of this CommonJS
// module (`module.exports` versus `exports.default`).
const sesLocal = createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local');

const storeSchema = z.object({ emails: z.array(emailSchema) });

export interface SesLocalOptions {
  /** 0 picks a free port. */
  readonly port: number;
}

export interface SesLocal extends RunningService {
  /** The mailbox page where a developer reads what the service sent. */
  readonly mailboxUrl: string;
  /** Every email sent since start, oldest first. */
  readMailbox(): Promise<Email[]>;
  /** Empties the mailbox. */
  clearMailbox(): Promise<void>;
}

/**
 * aws-ses-v2-local, in-process: it is an express app that serves the SES v2 API, a mailbox
 * page and `GET /store`. Its store is a module-level singleton, so one process holds one
 * mailbox; it is emptied at start so a restart begins with an empty mailbox.
 */
const localAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'FR',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Local cloud',
    WebsiteURL: 'http://localhost',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: false,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

export async function startSes(options: SesLocalOptions): Promise<SesLocal> {
  if (options.port !== 0) await assertPortFree(options.port, 'SES (aws-ses-v2-local)');
  // GetAccount (the health probe) answers from this variable; describe a sandbox account.
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localAccount);
  const server = await sesLocal.default({ host: '127.0.0.1', port: options.port });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clearMailbox = async () => {
    const response = await fetch(`${url}/clear-store`, { method: 'POST' });
    if (!response.ok) throw new Error(`SES stand-in refused to clear its mailbox: HTTP ${response.status}`);
  };
  await clearMailbox();
  return {
    name: 'SES (aws-ses-v2-local)',
    url,
    mailboxUrl: `${url}/`,
    clearMailbox,
    readMailbox: () => readStore(url),
    stop: () => closeServer(server),
  };
}

async function readStore(url: string): Promise<Email[]> {
  const response = await fetch(`${url}/store`);
  if (!response.ok) throw new Error(`SES stand-in mailbox answered HTTP ${response.status}`);
  const parsed = storeSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`SES stand-in mailbox has an unexpected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data.emails;
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections of SDK clients would otherwise hold `close` open.
    server.closeAllConnections();
  });
}

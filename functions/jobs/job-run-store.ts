import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

/**
 * Runs of scheduled jobs, for the operator: `PK = JOB#<jobId>`, `SK = RUN#<startedAt>` for each
 * run (written RUNNING when it starts, so a run that died is visible), and `SK = LAST` for the
 * summary of the last finished run. Run items expire after `runRetentionDays` (table TTL).
 */
export const jobRunKey = (jobId: string, startedAt: string) => ({ PK: `JOB#${jobId}`, SK: `RUN#${startedAt}` });
export const lastJobRunKey = (jobId: string) => ({ PK: `JOB#${jobId}`, SK: 'LAST' });

const runRetentionDays = 90;

const jobRunSchema = z.object({
  jobId: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  status: z.enum(['RUNNING', 'DONE', 'INCOMPLETE', 'FAILED']),
  counts: z.record(z.string(), z.number()),
});
type JobRun = z.output<typeof jobRunSchema>;

const jobRunItemSchema = jobRunSchema.extend({ entity: z.literal('JobRun') });

const jobRunFromItem = (item: Record<string, unknown>): JobRun => {
  const { entity: _entity, ...run } = jobRunItemSchema.parse(item);
  return run;
};

export interface JobRunStore {
  started(jobId: string, startedAt: string): Promise<void>;
  /** The run's outcome on its own item and as the job's last run, together. */
  finished(run: JobRun): Promise<void>;
  /** The last finished run of the job, if it ever ran. */
  lastRun(jobId: string): Promise<JobRun | undefined>;
}

export function jobRunStore(db: DynamoDBDocumentClient, tableName: string): JobRunStore {
  const expiresAt = (startedAt: string) => Math.floor(Date.parse(startedAt) / 1000) + runRetentionDays * 86_400;
  const item = (run: JobRun) => ({ entity: 'JobRun', ...run });
  return {
    async started(jobId, startedAt) {
      const run: JobRun = { jobId, startedAt, status: 'RUNNING', counts: {} };
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...jobRunKey(jobId, startedAt), ...item(run), expiresAt: expiresAt(startedAt) },
        }),
      );
    },
    async finished(run) {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...jobRunKey(run.jobId, run.startedAt), ...item(run), expiresAt: expiresAt(run.startedAt) },
              },
            },
            { Put: { TableName: tableName, Item: { ...lastJobRunKey(run.jobId), ...item(run) } } },
          ],
        }),
      );
    },
    async lastRun(jobId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: lastJobRunKey(jobId) }));
      return Item ? jobRunFromItem(Item) : undefined;
    },
  };
}

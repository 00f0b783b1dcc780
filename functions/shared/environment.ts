import * as z from 'zod';
import { selectionRounds } from '#definitions/lifecycle.ts';

/** Weeks, days, hours, minutes and seconds only (no calendar months), e.g. `P14D` or `PT30S`. */
const isoDuration = z
  .string()
  .regex(/^P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/, 'ISO 8601 duration (W, D, H, M, S)')
  .refine((value) => value !== 'P' && !value.endsWith('T'), 'empty duration');

/**
 * Every environment variable the functions read. Declared apart from `config.ts` (which reads
 * them at import) so that the CDK stacks and the local cloud can use the list without side effects.
 */
export const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  USER_POOL_CLIENT_ID: z.string().min(1),
  EMAIL_FROM: z.email(),
  /** Base URL of the web application; e-mail links point there. */
  APP_URL: z.url(),
  /** Path-style S3 URLs: required by the local S3 stand-in, false on AWS. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).transform((value) => value === 'true'),
  /** The offer-lifecycle state machine, built from its name so that no function depends on it in CloudFormation. */
  OFFER_LIFECYCLE_ARN: z.string().startsWith('arn:'),
  /** How long an offer stays open for applications (R8), ISO 8601: `P7D`. */
  APPLICATION_WINDOW: isoDuration,
  /** How long the commission has to rank the selected files before it is reminded (`P30D`). */
  COMMISSION_DEADLINE: isoDuration,
  /** After the reminder, how long before the robot's order stands (`P7D`). */
  COMMISSION_GRACE: isoDuration,
  /** How long a candidate has to accept an offered dwelling (R10, `P14D`). */
  ACCEPTANCE_PERIOD: isoDuration,
  /** How many selection rounds an offer may have before it is unfilled (issue #13 item 6; `selectionRounds`, 2, when absent). */
  SELECTION_ROUNDS: z
    .string()
    .regex(/^[1-9]$/, 'a whole number of rounds, 1 to 9')
    .default(String(selectionRounds))
    .transform(Number),
});

export type FunctionEnvironment = z.input<typeof environmentSchema>;
export const functionEnvironmentKeys = Object.keys(environmentSchema.shape) as (keyof FunctionEnvironment)[];

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { queryAll } from '#shared/query-all.ts';
import { addDays, calendarDayIn, timeZone } from '#shared/calendar.ts';
import { gridInForce, scoringGridSchema, scoringGrids, type ScoringGrid } from './grid.ts';

/**
 * Scoring grids published by the operator, on top of the grids shipped in
 * `data/reference/scoring-grid-<version>.json`:
 * - one item per version, `PK = SCORING_GRID`, `SK = VERSION#<version>`, so that one Query
 *   reads them all (a handful over the platform's life);
 * - a version is immutable: it is written once, with `attribute_not_exists(PK)`, and a shipped
 *   version cannot be published again;
 * - a grid takes effect on a later French calendar day than the day it is published, so that
 *   no offer is ever scored under rules published after its window closed, and an offer closing
 *   today keeps today's grid.
 * The grid in force on a day is the latest whose `effectiveFrom` is on or before it; two grids
 * effective the same day are ordered by publication (a shipped grid first), the later wins: that
 * is how the operator corrects a grid that has not taken effect yet.
 */
const scoringGridPartition = 'SCORING_GRID';
export const scoringGridKey = (version: string) => ({ PK: scoringGridPartition, SK: `VERSION#${version}` });

const gridItemSchema = z.object({
  entity: z.literal('ScoringGrid'),
  grid: scoringGridSchema,
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
});

const gridToItem = (grid: ScoringGrid, publishedAt: string, publishedBy: string) => ({
  ...scoringGridKey(grid.version),
  entity: 'ScoringGrid',
  grid,
  publishedAt,
  publishedBy,
});

/** The version is already taken, by a shipped grid or an earlier publication. */
export class ScoringGridVersionExists extends Error {
  override readonly name = 'ScoringGridVersionExists';
  constructor(readonly version: string) {
    super(`Scoring grid version ${version} already exists`);
  }
}

/** The grid would take effect today or earlier; `earliest` is the first day it may take effect. */
export class ScoringGridNotInFuture extends Error {
  override readonly name = 'ScoringGridNotInFuture';
  constructor(
    readonly effectiveFrom: string,
    readonly earliest: string,
  ) {
    super(`A scoring grid must take effect on ${earliest} or later, not ${effectiveFrom}`);
  }
}

export interface ScoringGridStore {
  /** The grid in force at `now` (the rule of `gridInForce`), shipped and published grids together. */
  inForce(now: Date): Promise<ScoringGrid>;
  /**
   * The grid that will be in force at a later instant (a window's close), as known from a read
   * under `cacheMs` old: for a provisional score, which a grid published within that time does
   * not change yet. The robot's score reads `inForce`.
   */
  provisional(at: Date): Promise<ScoringGrid>;
  /** Every grid, in the order the rule reads them: by `effectiveFrom`, then by publication. */
  list(): Promise<ScoringGrid[]>;
  /** Publishes a new version; throws `ScoringGridVersionExists` or `ScoringGridNotInFuture`. */
  publish(grid: ScoringGrid, by: string): Promise<void>;
}

export interface ScoringGridStoreOptions {
  /** The shipped grids (the files), the base under the published ones. */
  readonly builtIn?: readonly ScoringGrid[];
  /** The clock that dates publications and the cache. */
  readonly clock?: () => Date;
  /** How long `inForce` may reuse a read; 0 reads every time. */
  readonly cacheMs?: number;
}

export function scoringGridStore(db: DynamoDBDocumentClient, tableName: string, options: ScoringGridStoreOptions = {}): ScoringGridStore {
  const { builtIn = scoringGrids, clock = () => new Date(), cacheMs = 60_000 } = options;
  let cached: { grids: ScoringGrid[]; readAt: number; readOn: string } | undefined;

  async function list(): Promise<ScoringGrid[]> {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': scoringGridPartition },
    });
    const published = items
      .map((item) => gridItemSchema.parse(item))
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))
      .map((item) => item.grid);
    // A stable sort keeps the shipped grids first, then the published ones in publication order.
    return [...builtIn, ...published].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  }

  /** The grids, from a read under `cacheMs` old that `answers` accepts, or read now. */
  async function read(answers: (cache: { readOn: string }) => boolean): Promise<ScoringGrid[]> {
    const readNow = clock();
    if (cached && readNow.getTime() - cached.readAt < cacheMs && answers(cached)) return cached.grids;
    cached = { grids: await list(), readAt: readNow.getTime(), readOn: calendarDayIn(timeZone, readNow) };
    return cached.grids;
  }

  return {
    list,

    async inForce(now) {
      // A read made on day D holds every grid that can be in force on D or earlier: any grid
      // published after it takes effect on D + 1 at the earliest. So it answers for such days
      // only, and never for a later day, however fresh it is.
      return gridInForce(now, await read((cache) => calendarDayIn(timeZone, now) <= cache.readOn));
    },

    async provisional(at) {
      // Any day: a read of under `cacheMs` may miss a grid published since, as a read made in
      // another instance would; the score it gives is provisional anyway.
      return gridInForce(at, await read(() => true));
    },

    async publish(grid, by) {
      const at = clock();
      const earliest = addDays(calendarDayIn(timeZone, at), 1);
      if (grid.effectiveFrom < earliest) throw new ScoringGridNotInFuture(grid.effectiveFrom, earliest);
      if (builtIn.some((shipped) => shipped.version === grid.version)) throw new ScoringGridVersionExists(grid.version);
      try {
        await db.send(
          new PutCommand({
            TableName: tableName,
            Item: gridToItem(grid, at.toISOString(), by),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new ScoringGridVersionExists(grid.version);
        throw error;
      }
      cached = undefined;
    },
  };
}

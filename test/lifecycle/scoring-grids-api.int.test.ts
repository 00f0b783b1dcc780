import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridInForce, scoringGrids, type ScoringGrid } from '#scoring/grid.ts';
import { ScoringGridNotInFuture, ScoringGridVersionExists, scoringGridKey, scoringGridStore } from '#scoring/grid-store.ts';
import { timeZone } from '#shared/calendar.ts';
import { api, tokenOf } from '../support/api.ts';
import { claimsOf, createTestEmployee } from '../support/employees.ts';
import { retriedAcrossMidnight } from '../support/midnight.ts';
import { freshTable, localTable } from '../support/table.ts';

// The latest shipped grid (v2): a published grid must cap the seniority as it does.
const shipped = scoringGrids.at(-1)!;
const newVersion = () => `test-${randomUUID()}`;
/**
 * The local cloud's table is shared by every test file: a grid published there must never come
 * into force, or it would change every other file's scores. So far-future days only.
 */
const farFutureGrid = (changes: Partial<ScoringGrid> = {}): ScoringGrid => ({
  ...shipped,
  version: newVersion(),
  effectiveFrom: '2090-01-01',
  description: 'Grille de test, jamais en vigueur',
  recommendation: 12,
  ...changes,
});

// The test reads the grid in force from its own clock after the server answered from its own: around
// midnight in Paris on the eve of a grid (31 December 2026 for v2) the two can differ.
describe('scoring grids over HTTP', retriedAcrossMidnight(timeZone), () => {
  let operator: string;
  let employee: string;
  beforeAll(async () => {
    operator = await tokenOf('operator');
    employee = (await createTestEmployee()).token;
  });

  it('lets any signed-in user read the grid in force, and nobody else', async () => {
    const response = await api('GET', '/scoring-grid', { token: employee });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(gridInForce(new Date()));
    expect(response.body.contract.cdi).toBe(30);
    expect((await api('GET', '/scoring-grid')).status).toBe(401);
  });

  it('keeps the operator routes to the operator', async () => {
    expect((await api('GET', '/operator/scoring-grids', { token: employee })).status).toBe(403);
    const refused = await api('POST', '/operator/scoring-grids', { token: employee, body: farFutureGrid() });
    expect(refused.status).toBe(403);
  });

  it('publishes a new version: 201 with the grid, stored once with its author, listed as scheduled', async () => {
    const grid = farFutureGrid();
    const response = await api('POST', '/operator/scoring-grids', { token: operator, body: grid });
    expect(response.status).toBe(201);
    expect(response.body).toEqual(grid);

    const item = await localTable().get(scoringGridKey(grid.version));
    expect(item).toMatchObject({ entity: 'ScoringGrid', grid, publishedBy: claimsOf(operator).sub });

    const listed = await api('GET', '/operator/scoring-grids', { token: operator });
    expect(listed.status).toBe(200);
    expect(listed.body.inForce).toBe(gridInForce(new Date()).version);
    const statuses = Object.fromEntries(listed.body.grids.map((g: ScoringGrid & { status: string }) => [g.version, g.status]));
    expect(statuses[grid.version]).toBe('scheduled');
    expect(statuses[gridInForce(new Date()).version]).toBe('in-force');
    expect(listed.body.grids.filter((g: { status: string }) => g.status === 'in-force')).toHaveLength(1);
  });

  it('refuses to publish a version again, shipped or published: 409', async () => {
    const grid = farFutureGrid();
    expect((await api('POST', '/operator/scoring-grids', { token: operator, body: grid })).status).toBe(201);
    const again = await api('POST', '/operator/scoring-grids', { token: operator, body: { ...grid, recommendation: 0 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SCORING_GRID_VERSION_EXISTS');
    // The first publication is untouched.
    expect((await localTable().get(scoringGridKey(grid.version)))?.grid.recommendation).toBe(12);
    const shippedAgain = await api('POST', '/operator/scoring-grids', {
      token: operator,
      body: farFutureGrid({ version: shipped.version }),
    });
    expect(shippedAgain.status).toBe(409);
  });

  it('refuses a grid whose seniority is uncapped or could outweigh every other criterion together: 400 on body.caps.seniority', async () => {
    for (const caps of [{}, { seniority: 500 }]) {
      const response = await api('POST', '/operator/scoring-grids', { token: operator, body: farFutureGrid({ caps }) });
      expect(response.status).toBe(400);
      expect(response.body.error.fields.map((field: { field: string }) => field.field)).toEqual(['body.caps.seniority']);
    }
  });

  it('answers 400 with the path of each bad field', async () => {
    const { recommendation: _recommendation, ...withoutRecommendation } = farFutureGrid();
    const bad = {
      ...withoutRecommendation,
      contract: { ...shipped.contract, trialPeriod: 5 },
      employerContribution: {
        bands: [
          { fromEuros: 0, points: 0 },
          { fromEuros: 200, points: 15 },
          { fromEuros: 100, points: 10 },
        ],
      },
      effectiveFrom: '2090-02-30',
      unexpected: true,
    };
    const response = await api('POST', '/operator/scoring-grids', { token: operator, body: bad });
    expect(response.status).toBe(400);
    const fields = response.body.error.fields.map((field: { field: string }) => field.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.recommendation',
        'body.contract.trialPeriod',
        'body.employerContribution.bands',
        'body.effectiveFrom',
        'body',
      ]),
    );
  });

  it('refuses a grid taking effect today: 422 on effectiveFrom', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const grid = farFutureGrid({ effectiveFrom: today });
    const response = await api('POST', '/operator/scoring-grids', { token: operator, body: grid });
    expect(response.status).toBe(422);
    expect(response.body.error.fields.map((field: { field: string }) => field.field)).toEqual(['body.effectiveFrom']);
    expect(await localTable().get(scoringGridKey(grid.version))).toBeUndefined();
  });
});

describe('the grid store, on a table of its own', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable('scoring-grids');
  });
  afterAll(() => table.drop());

  /** A store whose clock the test moves. */
  const storeAt = (clock: { now: Date }, cacheMs = 60_000) =>
    scoringGridStore(table.client, table.tableName, { clock: () => clock.now, cacheMs });
  const nextGrid = (effectiveFrom: string, changes: Partial<ScoringGrid> = {}): ScoringGrid => ({
    ...shipped,
    version: newVersion(),
    effectiveFrom,
    ...changes,
  });

  it('puts a published version in force on its effectiveFrom day, Paris time', async () => {
    const clock = { now: new Date('2031-03-10T10:00:00Z') };
    const store = storeAt(clock);
    const grid = nextGrid('2031-03-11', { recommendation: 11 });
    await store.publish(grid, 'operator-1');

    expect((await store.inForce(new Date('2031-03-10T22:59:59Z'))).version).toBe(gridInForce(new Date('2031-03-10T10:00:00Z')).version);
    // Midnight in Paris (CET, UTC+1) is 23:00 UTC the day before.
    expect(await store.inForce(new Date('2031-03-10T23:00:00Z'))).toEqual(grid);
    expect((await store.list()).map((g) => g.version)).toContain(grid.version);
  });

  it('never answers a later day from a read made the day before, however fresh (another instance published meanwhile)', async () => {
    // 23:59:30 on 4 May in Paris (CEST, UTC+2).
    const clock = { now: new Date('2032-05-04T21:59:30Z') };
    const reader = storeAt(clock);
    const publisher = storeAt(clock);
    const before = await reader.inForce(clock.now);
    const grid = nextGrid('2032-05-05', { previousSelection: 7 });
    await publisher.publish(grid, 'operator-1');
    // Same day: the earlier read is still right, the new grid only takes effect tomorrow.
    expect(await reader.inForce(clock.now)).toEqual(before);
    // 00:00:10 on 5 May in Paris, 40 seconds later: still within the cache's minute.
    clock.now = new Date('2032-05-04T22:00:10Z');
    expect(await reader.inForce(clock.now)).toEqual(grid);
  });

  it('answers a provisional read of a later day from a read under a minute old, then reads again', async () => {
    const clock = { now: new Date('2035-09-01T10:00:00Z') };
    const [reader, robot, publisher] = [storeAt(clock), storeAt(clock), storeAt(clock)];
    const close = new Date('2035-09-08T10:00:00Z');
    const before = await reader.provisional(close);
    await robot.provisional(close);
    expect(before.recommendation).not.toBe(9);
    await publisher.publish(nextGrid('2035-09-05', { recommendation: 9 }), 'operator-1');
    // 59 s later: the provisional read keeps the earlier grid; the robot's read (`inForce`) reads again.
    clock.now = new Date('2035-09-01T10:00:59Z');
    expect(await reader.provisional(close)).toEqual(before);
    expect((await robot.inForce(close)).recommendation).toBe(9);
    // A minute after its read, the provisional read reads again.
    clock.now = new Date('2035-09-01T10:01:00Z');
    expect((await reader.provisional(close)).recommendation).toBe(9);
  });

  it('lets the later publication win between two grids effective the same day', async () => {
    const clock = { now: new Date('2033-01-10T10:00:00Z') };
    const store = storeAt(clock, 0);
    const first = nextGrid('2033-02-01', { recommendation: 1 });
    const correction = nextGrid('2033-02-01', { recommendation: 2 });
    await store.publish(first, 'operator-1');
    clock.now = new Date('2033-01-10T10:05:00Z');
    await store.publish(correction, 'operator-2');
    expect(await store.inForce(new Date('2033-02-01T12:00:00Z'))).toEqual(correction);
    const versions = (await store.list()).map((g) => g.version);
    expect(versions.indexOf(first.version)).toBeLessThan(versions.indexOf(correction.version));
  });

  it.each([
    ['today', '2034-06-15'],
    ['yesterday', '2034-06-14'],
  ])('refuses a grid effective %s, and names tomorrow as the earliest day', async (_, effectiveFrom) => {
    const store = storeAt({ now: new Date('2034-06-15T10:00:00Z') });
    const grid = nextGrid(effectiveFrom);
    const refusal = await store.publish(grid, 'operator-1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ScoringGridNotInFuture);
    expect(refusal).toMatchObject({ earliest: '2034-06-16' });
    expect(await table.get(scoringGridKey(grid.version))).toBeUndefined();
  });

  it('refuses a version that exists, shipped or published, and keeps the first one', async () => {
    const store = storeAt({ now: new Date('2035-01-01T10:00:00Z') });
    const grid = nextGrid('2035-02-01', { recommendation: 3 });
    await store.publish(grid, 'operator-1');
    await expect(store.publish({ ...grid, recommendation: 4 }, 'operator-2')).rejects.toBeInstanceOf(ScoringGridVersionExists);
    await expect(store.publish(nextGrid('2035-02-01', { version: shipped.version }), 'operator-2')).rejects.toBeInstanceOf(
      ScoringGridVersionExists,
    );
    expect(await table.get(scoringGridKey(grid.version))).toMatchObject({ grid: { recommendation: 3 }, publishedBy: 'operator-1' });
  });
});

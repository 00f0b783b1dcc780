import { documentRules } from '#housing-file/document-rules.ts';
import type { LifecycleDeps } from '#lifecycle/lifecycle-context.ts';
import { lifecycleStore } from '#lifecycle/lifecycle-store.ts';
import { robotWrites } from '#lifecycle/tasks/close-and-score.ts';
import { scoringGridStore } from '#scoring/grid-store.ts';
import { companyEligibilityRules } from '#shared/business-rules.ts';
import { situationRules } from '#housing-file/situation-rules.ts';
import { localTable } from '../support/table.ts';

/**
 * The robot's deps on the run's shared table, as the deployed task has them, with its clock
 * injected: for the tests that call `closeAndScore` at a chosen instant.
 */
export function robotDepsOnSharedTable(now: () => Date): LifecycleDeps {
  const table = localTable();
  return {
    store: lifecycleStore(table.client, table.tableName),
    grids: scoringGridStore(table.client, table.tableName),
    answers: { succeed: async () => false },
    appUrl: 'http://localhost',
    closeCheck: { documents: documentRules, situation: situationRules, companies: companyEligibilityRules },
    now,
    ...robotWrites,
  };
}

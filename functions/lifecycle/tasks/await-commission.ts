import type { LifecycleDeps } from '../lifecycle-context.ts';

/**
 * The commission's callback task starts: its token is stored on the record while the record
 * still waits for a ranking. A ranking that arrived first (the record has moved on) answers the
 * token at once.
 */
export async function awaitCommission(deps: LifecycleDeps, input: { offerId: string; token: string }): Promise<void> {
  const stored = await deps.store.transact([
    deps.store.items.updateRecord(
      input.offerId,
      { set: { commissionToken: input.token } },
      { expression: '#stage = :commission', values: { ':commission': 'COMMISSION' } },
    ),
  ]);
  if (!stored) await deps.answers.succeed(input.token, { decided: true });
}

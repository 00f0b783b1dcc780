import type { LifecycleDeps } from '../lifecycle-context.ts';

/**
 * The candidate's callback task starts: its token is stored on the record. An answer given
 * before the token was stored (the answer routes write first, then read the token) is passed on
 * here, so that no answer is lost between the two.
 */
export async function awaitAnswer(deps: LifecycleDeps, input: { offerId: string; employeeId: string; token: string }): Promise<void> {
  await deps.store.transact([
    deps.store.items.updateRecord(
      input.offerId,
      { set: { candidateToken: input.token } },
      { expression: '#stage = :offering AND candidate = :candidate', values: { ':offering': 'OFFERING', ':candidate': input.employeeId } },
    ),
  ]);
  const application = (await deps.store.applicationsOf(input.offerId, [input.employeeId])).get(input.employeeId);
  const status = application?.status ?? 'WITHDRAWN';
  if (status !== 'OFFERED') await deps.answers.succeed(input.token, { answer: status });
}

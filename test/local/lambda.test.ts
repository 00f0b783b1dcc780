import { describe, expect, it } from 'vitest';
import { invokeLocal, LambdaTimeoutError } from '#local/lambda.ts';

// Handler entries are relative to functions/, as in the definitions.
const slowHandler = '../test/fixtures/lambda/slow-handler.ts';

describe('a local Lambda invocation', () => {
  it('answers within the function timeout, with a context that counts down from it', async () => {
    const before = performance.now();
    const result = await invokeLocal<{ given: number }>(slowHandler, { ms: 10 }, { timeoutSeconds: 2 });
    const spent = performance.now() - before;
    // Given the 2 s of the timeout, less what the invocation had used when the handler asked.
    expect(result.given).toBeLessThanOrEqual(2_000);
    expect(result.given).toBeGreaterThanOrEqual(2_000 - spent);
  });

  it('fails past the function timeout as Lambda reports it (Sandbox.Timedout)', async () => {
    const attempt = invokeLocal(slowHandler, { ms: 2_000 }, { timeoutSeconds: 0.2 });
    await expect(attempt).rejects.toBeInstanceOf(LambdaTimeoutError);
    await expect(attempt).rejects.toMatchObject({ name: 'Sandbox.Timedout', message: 'Task timed out after 0.20 seconds' });
  });
});

import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { validateRow } from '#imports/import-validation.ts';

/**
 * The import run is triggered by S3, not through the API's `http.ts`: its row check must set zod's
 * messages in French itself (`functions/shared/zod-locale.ts`), for a row error no schema words.
 * This file loads the row check alone (vitest gives each file its own process).
 */
describe('the import run, outside the API', () => {
  it("has zod's own messages in French", () => {
    expect(validateRow).toBeTypeOf('function');
    expect(z.number().safeParse('beaucoup').error?.issues[0]?.message).toBe('Entrée invalide : nombre attendu, chaîne de caractères reçu');
  });
});

import { ValidationError } from './errors.ts';
import { invalidCursorMessage } from './page-cursor.ts';

/** The 400 on `query.cursor`: a cursor that does not position a read in the caller's own list. */
export const invalidCursor = () => new ValidationError([{ field: 'query.cursor', message: invalidCursorMessage }]);

/**
 * Runs one page's Query: a cursor DynamoDB refuses as a start key (another index's, or tampered)
 * is the caller's mistake, a 400 on `query.cursor`, never a 500.
 */
export async function readPage<T>(cursor: Record<string, string> | undefined, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (cursor && error instanceof Error && error.name === 'ValidationException') throw invalidCursor();
    throw error;
  }
}

import * as z from 'zod';
import { fr } from 'zod/locales';

/**
 * zod's own messages (a wrong type, a missing field) in French, wherever a parse answers a user:
 * the API's requests (`http.ts`), the import's rows (its S3-triggered run never loads `http.ts`)
 * and the web app's forms. Imported for this effect; the setting is global to the bundle.
 */
z.config(fr());

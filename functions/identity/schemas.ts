import { z } from 'zod';

export const loginSchema = z.strictObject({
  email: z.email().transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.output<typeof loginSchema>;

export const tokensSchema = z.object({
  idToken: z.string().meta({ description: 'Bearer token for this API (ID token)' }),
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  expiresIn: z.int(),
});

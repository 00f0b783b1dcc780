import * as z from 'zod';

export const dependencyNames = ['dynamodb', 's3', 'cognito', 'ses'] as const;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  dependencies: z.array(
    z.object({
      name: z.enum(dependencyNames),
      status: z.enum(['ok', 'down']),
      latencyMs: z.number(),
      error: z.string().optional().meta({ description: 'Error name only, never a message with data' }),
    }),
  ),
});

export const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'OpenAPI 3.1 document' });

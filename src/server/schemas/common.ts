/**
 * Shared zod schemas: names, errors, path parameters. The single source of truth for validation, types and the
 * OpenAPI document.
 * @module
 */
import { z } from '@hono/zod-openapi';

/** Project, model and version names: 1–128 characters of UTF-8 (percent-encoded in paths). */
export const NameSchema = z
  .string()
  .min(1)
  // .max counts UTF-16 code units; the limit is in characters (code points), checked by the refine.
  .max(256)
  .refine((s) => [...s].length <= 128, 'at most 128 characters')
  // PostgreSQL text cannot hold U+0000; refuse it everywhere so both backends behave the same.
  .refine((s) => !s.includes('\u0000'), 'must not contain U+0000')
  // URLs drop `.` and `..` path segments, so such a name could never be addressed.
  .refine((s) => s !== '.' && s !== '..', 'must not be "." or ".."');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'DW_VALIDATION' }),
      message: z.string(),
      field: z.string().optional(),
    }),
  })
  .openapi('Error');

export const ProjectParams = z.object({
  project: NameSchema.openapi({ param: { name: 'project', in: 'path' }, example: 'demo' }),
});

export const ModelParams = ProjectParams.extend({
  model: NameSchema.openapi({ param: { name: 'model', in: 'path' }, example: 'credit-default' }),
});

export const errorResponses = {
  400: { description: 'Invalid request', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or unknown key', content: { 'application/json': { schema: ErrorSchema } } },
  403: {
    description: 'Key lacks the scope or belongs to another project',
    content: { 'application/json': { schema: ErrorSchema } },
  },
  404: { description: 'Unknown project or model', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

/** RFC 3339 UTC string for an epoch-ms instant. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The project's append-only audit log. Readable with a `read` key (and `admin`, which includes it): the people
 * who use the monitoring need to see who changed a reference, a threshold or an alias, not only administrators.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listAudit } from '../../storage/audit-store.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, errorResponses, ProjectParams, rfc3339 } from '../schemas/common.ts';
import { AuditEntrySchema, AuditQuery } from '../schemas/registry.ts';

export const DEFAULT_AUDIT_LIMIT = 100;

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/audit',
      tags: ['registry'],
      summary: 'The audit log: who changed what, when, before/after (read)',
      description:
        'Append-only, in `seq` order. Page with `after=<seq of the last entry seen>`; `next` is that cursor when the page is full. Targets: `project`, `key`, `model`, `version`, `alias` (id `<model id>/<alias>`), `label`, …',
      security: bearerSecurity,
      request: { params: ProjectParams, query: AuditQuery },
      responses: {
        200: {
          description: 'Entries',
          content: {
            'application/json': {
              schema: z.object({
                entries: z.array(AuditEntrySchema),
                next: z
                  .number()
                  .int()
                  .nullable()
                  .openapi({ description: 'Cursor for `after`, null at the end' }),
              }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName } = c.req.valid('param');
      const query = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
      let targetType: string | undefined;
      let targetId: string | undefined;
      if (query.target !== undefined) {
        const i = query.target.indexOf(':');
        targetType = i < 0 ? query.target : query.target.slice(0, i);
        if (i >= 0) targetId = query.target.slice(i + 1);
      }
      const rows = await listAudit(c.var.deps.storage.db, project.id, {
        limit,
        ...(query.after !== undefined ? { afterSeq: query.after } : {}),
        ...(targetType !== undefined ? { targetType } : {}),
        ...(targetId !== undefined ? { targetId } : {}),
      });
      const entries = rows.map((r) => ({
        seq: r.seq,
        id: r.id,
        at: rfc3339(r.at),
        actor: r.actor,
        action: r.action,
        target: { type: r.targetType, id: r.targetId },
        before: r.before,
        after: r.after,
      }));
      const last = entries.at(-1);
      return c.json({ entries, next: entries.length === limit && last ? last.seq : null }, 200);
    },
  );
}

/**
 * The model registry over HTTP: models, versions (with references and check configuration), aliases, the audit
 * log, and the `/docs` page. One registration function for `routes/index.ts`.
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { registerAliasRoutes } from './aliases.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerDocsRoutes } from './docs.ts';
import { registerModelRoutes } from './models.ts';
import { registerVersionRoutes } from './versions.ts';

export function registerRegistryRoutes(app: OpenAPIHono<AppEnv>): void {
  registerModelRoutes(app);
  registerVersionRoutes(app);
  registerAliasRoutes(app);
  registerAuditRoutes(app);
  registerDocsRoutes(app);
}

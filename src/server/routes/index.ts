/**
 * Every route module, registered in one place.
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { registerProjectRoutes } from './projects.ts';

export function registerRouteModules(app: OpenAPIHono<AppEnv>): void {
  registerProjectRoutes(app);
}

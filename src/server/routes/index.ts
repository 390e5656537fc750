/**
 * Every route module, registered in one place.
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { registerUiRoutes } from '../../ui/routes.ts';
import type { AppEnv } from '../context.ts';
import { registerExportRoutes } from './export.ts';
import { registerIngestRoutes } from './ingest.ts';
import { registerMetricsRoutes } from './metrics.ts';
import { registerProfileRoutes } from './profile.ts';
import { registerProjectRoutes } from './projects.ts';
import { registerRegistryRoutes } from './registry.ts';
import { registerReportRoutes } from './reports.ts';
import { registerSeriesRoutes } from './series.ts';

export function registerRouteModules(app: OpenAPIHono<AppEnv>): void {
  registerProjectRoutes(app);
  registerIngestRoutes(app);
  registerMetricsRoutes(app);
  registerRegistryRoutes(app);
  registerSeriesRoutes(app);
  registerProfileRoutes(app);
  registerReportRoutes(app);
  registerExportRoutes(app);
  registerUiRoutes(app);
}

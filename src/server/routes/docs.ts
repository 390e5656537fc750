/**
 * `GET /docs`: the API reference as one HTML page, rendered on the server from this app's own `/openapi.json`
 * (so it can never disagree with it). No key needed, like `/openapi.json`; no scripts, no external requests.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { DOCS_CSP, type OpenApiDocLike, renderDocsHtml } from './docs-html.ts';

export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  // Rendered once per app: routes are all registered before the first request.
  let cached: string | undefined;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/docs',
      tags: ['meta'],
      summary: 'This API reference as an HTML page (no key)',
      responses: {
        200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
      },
    }),
    async (c) => {
      if (cached === undefined) {
        const res = await app.request('/openapi.json');
        cached = renderDocsHtml((await res.json()) as OpenApiDocLike);
      }
      c.header('Content-Security-Policy', DOCS_CSP);
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Referrer-Policy', 'no-referrer');
      c.header('Cache-Control', 'no-cache');
      return c.html(cached, 200) as never;
    },
  );
}

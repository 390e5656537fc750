/**
 * The HTTP application: a Hono app whose routes are declared with zod schemas, so the same schemas validate
 * requests, type the handlers and generate `/openapi.json`. No socket here — tests call `app.request()`.
 * @module
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './api-error.ts';
import { authMiddleware, projectGate } from './auth.ts';
import type { AppEnv, ServerDeps } from './context.ts';
import { requestLogMiddleware } from './logger.ts';
import { registerRouteModules } from './routes/index.ts';
import { httpMetricsMiddleware } from './routes/metrics.ts';

function issuePath(issue: { path: readonly PropertyKey[] }): string | undefined {
  return issue.path.length ? issue.path.map(String).join('.') : undefined;
}

export function createApp(deps: ServerDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures of declared schemas → 400 naming the field.
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = issue ? issuePath(issue) : undefined;
        const where = result.target === 'json' ? 'body' : result.target;
        const err = new ApiError(
          400,
          'DW_VALIDATION',
          `Invalid ${where}${field ? ` at \`${field}\`` : ''}: ${issue?.message ?? 'invalid'}`,
          field ? { field } : {},
        );
        return c.json(err.toBody(), 400);
      }
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // Request log (never headers, so never keys) and the latency histogram of /metrics.
  app.use('*', requestLogMiddleware());
  app.use('*', httpMetricsMiddleware());
  app.use('*', authMiddleware());
  // Authentication and project membership before any body validation: a caller without a valid key learns
  // nothing about the body's shape (401), and another project's key gets 403 whatever it sends.
  app.use('/v1/*', projectGate());

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.headers) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(err.toBody(), err.status);
    }
    // Malformed JSON bodies surface as errors from the validator's JSON parsing.
    if (err instanceof SyntaxError) {
      return c.json(
        new ApiError(400, 'DW_MALFORMED_BODY', 'Malformed request body: expected valid JSON').toBody(),
        400,
      );
    }
    if (err instanceof HTTPException) {
      if (err.status === 413)
        return c.json(new ApiError(413, 'DW_BODY_TOO_LARGE', 'Request body too large').toBody(), 413);
      if (err.status === 400) {
        return c.json(
          new ApiError(400, 'DW_MALFORMED_BODY', 'Malformed request body: expected valid JSON').toBody(),
          400,
        );
      }
      return err.getResponse();
    }
    deps.log.error('unhandled error', { path: c.req.path, error: String((err as Error)?.stack ?? err) });
    return c.json(new ApiError(500, 'DW_INTERNAL', 'Internal error; see the server log').toBody(), 500);
  });
  app.notFound((c) =>
    c.json(new ApiError(404, 'DW_ROUTE_NOT_FOUND', `No route ${c.req.method} ${c.req.path}`).toBody(), 404),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  registerRouteModules(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  // Generated once, on first request: building the document walks every route's schemas (~0.4 s).
  let openapi: string | undefined;
  app.get('/openapi.json', (c) => {
    openapi ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'driftwatch API',
          version: '1',
          description:
            'Ingest predictions, labels and feedback; query windows, metric series and the model registry.',
        },
      }),
    );
    return c.body(openapi, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  return app;
}

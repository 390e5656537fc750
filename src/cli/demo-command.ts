/**
 * `driftwatch demo` (what `npm start` runs): the monitoring server on the embedded SQLite default with the demo
 * project `demo` / model `credit-default` — 14 days of back-filled history and live traffic (src/demo). Prints the
 * `URL:` and `Read-only key:` lines. The demo's admin key is kept in `<data-dir>/demo-admin.key` (mode 0600) so a
 * restart on the same data directory can continue.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { DEMO_MODEL, DEMO_PROJECT } from '../demo/demo-traffic.ts';
import { isLogLevel, LOG_LEVELS } from '../server/logger.ts';

function demoAdminKey(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-admin.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = `dwk_${randomBytes(32).toString('base64url')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description('Run the monitoring server with demo data: project "demo", model "credit-default"')
    .option('--port <n>', 'port', '7700')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'SQLite data directory', 'driftwatch-data')
    .option('--per-hour <n>', 'back-filled records per hour', '200')
    .option('--log-level <level>', 'debug|info|warn|error', 'warn')
    .action(
      async (opts: { port: string; host: string; dataDir: string; perHour: string; logLevel: string }) => {
        const port = Number(opts.port);
        const perHour = Number(opts.perHour);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(
            'DW_DEMO_OPTION',
            `--port must be an integer 0–65535, got ${JSON.stringify(opts.port)}`,
          );
        }
        if (!Number.isInteger(perHour) || perHour < 1 || perHour > 100_000) {
          throw new UsageError(
            'DW_DEMO_OPTION',
            `--per-hour must be an integer 1–100000, got ${JSON.stringify(opts.perHour)}`,
          );
        }
        if (!isLogLevel(opts.logLevel)) {
          throw new UsageError('DW_DEMO_OPTION', `--log-level must be one of ${LOG_LEVELS.join(', ')}`);
        }
        // The server (Hono, Kysely, better-sqlite3, pg) loads only when this command runs: `driftwatch report`
        // start-up stays fast.
        const [{ createLogger }, { startServer }, { runDemo }] = await Promise.all([
          import('../server/logger.ts'),
          import('../server/start-server.ts'),
          import('../demo/run-demo.ts'),
        ]);
        const log = createLogger({ level: opts.logLevel });
        const adminKey = demoAdminKey(opts.dataDir);
        const server = await startServer({ port, host: opts.host, dataDir: opts.dataDir, adminKey, log });
        const t0 = Date.now();
        const demo = await runDemo({
          url: server.url,
          adminKey,
          perHour,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(
          [
            `URL: ${server.url}`,
            `Read-only key: ${demo.readKey}`,
            `Project: ${DEMO_PROJECT}  Model: ${DEMO_MODEL}  (set up in ${((Date.now() - t0) / 1000).toFixed(1)} s; windows are evaluated in the background)`,
            `Try: curl -H "Authorization: Bearer ${demo.readKey}" "${server.url}/v1/projects/${DEMO_PROJECT}/models/${DEMO_MODEL}/series?metric=drift.share&window=1d"`,
            'Stop with Ctrl-C.',
          ].join('\n') + '\n',
        );
        await new Promise<void>((resolve) => {
          let stopping = false;
          const onSignal = () => {
            if (stopping) process.exit(130);
            stopping = true;
            setTimeout(() => process.exit(process.exitCode ?? 0), 15_000).unref();
            demo
              .stop()
              .then(() => server.close())
              .then(
                () => resolve(),
                () => {
                  process.exitCode = 1;
                  resolve();
                },
              );
          };
          process.on('SIGTERM', onSignal);
          process.on('SIGINT', onSignal);
        });
      },
    );
}

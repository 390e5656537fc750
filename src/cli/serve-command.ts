/**
 * `driftwatch serve`: the monitoring server (SQLite in `./driftwatch-data` by default, PostgreSQL with
 * `--database`). Prints `URL: http://host:port` and, on first start only, `Admin key: …`; logs JSON lines to stderr.
 * SIGTERM/SIGINT shut it down gracefully (stop accepting, flush, close the database); a second signal forces exit.
 * @module
 */
import { Command, Option } from 'commander';
import type { ServeInput } from './serve-config.ts';

const SHUTDOWN_FORCE_EXIT_MS = 15_000;

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Run the monitoring server: ingestion, model registry, windowed drift/quality evaluation and the query API.',
    )
    .option('--port <port>', 'TCP port, 0 for any free port (default: 7700; env DRIFTWATCH_PORT)')
    .option('--host <host>', 'interface to bind (default: 127.0.0.1; env DRIFTWATCH_HOST)')
    .option('--data-dir <dir>', 'SQLite data directory (default: ./driftwatch-data; env DRIFTWATCH_DATA_DIR)')
    .option('--database <url>', 'PostgreSQL URL postgres://… instead of SQLite (env DRIFTWATCH_DATABASE_URL)')
    .option('--config <file>', 'YAML configuration (default: ./driftwatch.yaml when present)')
    .option('--no-auth', 'no API keys — allowed only on a loopback host (127.0.0.1, ::1, localhost)')
    .option('--strict-models', 'answer 404 for unknown model names instead of creating the model')
    .option('--metrics-public', 'serve /metrics without a key')
    .option('--body-limit <size>', 'request body limit after gunzip, e.g. 10MiB (default: 10MiB)')
    .option('--retention-days <days>', 'raw-record retention in days (default: 30)')
    .option('--grace <duration>', 'grace after an hourly window ends before it is evaluated (default: 5m)')
    .addOption(
      new Option('--log-level <level>', 'log level (default: info; env DRIFTWATCH_LOG_LEVEL)').choices([
        'debug',
        'info',
        'warn',
        'error',
        'silent',
      ]),
    )
    .exitOverride()
    .action(async (opts, cmd: Command) => {
      // Only flags actually given take part in the precedence (commander's implied default of --no-auth does not).
      const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      const flags: ServeInput & { config?: string } = {
        port: opts.port,
        host: opts.host,
        dataDir: opts.dataDir,
        database: opts.database,
        config: opts.config,
        noAuth: given('auth') ? opts.auth === false : undefined,
        strictModels: given('strictModels') ? true : undefined,
        metricsPublic: given('metricsPublic') ? true : undefined,
        bodyLimit: opts.bodyLimit,
        retentionDays: opts.retentionDays,
        grace: opts.grace,
        logLevel: opts.logLevel,
      };
      // zod and the server load only when this command runs, so other commands start fast.
      const { loadServeConfig } = await import('./serve-config.ts');
      const config = await loadServeConfig(flags, process.env);
      // Load the server only now: other commands do not pay for it.
      const [{ startServer }, { createLogger }] = await Promise.all([
        import('../server/start-server.ts'),
        import('../server/logger.ts'),
      ]);
      const log = createLogger({ level: config.logLevel });
      if (config.noAuth) {
        process.stderr.write(
          `\n${'!'.repeat(78)}\n!! WARNING: --no-auth — API keys are NOT checked. Anyone who can reach ${config.host} can read\n!! and write every project. Use this only on a trusted machine; it is refused on non-loopback hosts.\n${'!'.repeat(78)}\n\n`,
        );
        log.warn('authentication disabled (--no-auth)', { host: config.host });
      }
      const server = await startServer({
        port: config.port,
        host: config.host,
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        adminKey: config.adminKey,
        log,
        options: {
          noAuth: config.noAuth,
          strictModels: config.strictModels,
          metricsPublic: config.metricsPublic,
          bodyLimitBytes: config.bodyLimitBytes,
          retentionDays: config.retentionDays,
          graceMs: config.graceMs,
          modelConfigs: config.modelConfigs,
        },
      });
      const lines = [`URL: ${server.url}`];
      if (server.firstStartKey !== undefined) {
        lines.push(
          config.adminKey !== undefined
            ? 'Admin key: (from DRIFTWATCH_ADMIN_KEY)'
            : `Admin key: ${server.firstStartKey}`,
          '  (server-wide admin key, shown once on first start — store it now)',
        );
      }
      process.stdout.write(`${lines.join('\n')}\n`);

      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            // A second signal: do not wait any longer.
            process.stderr.write(`driftwatch: ${signal} again, exiting now\n`);
            process.exit(130);
          }
          stopping = true;
          log.info('signal received, shutting down', { signal });
          // Safety net: whatever still holds the event loop after shutdown must not keep the process alive.
          setTimeout(() => process.exit(process.exitCode ?? 0), SHUTDOWN_FORCE_EXIT_MS).unref();
          server.close().then(
            () => resolve(),
            (e: unknown) => {
              log.error('shutdown failed', { error: String((e as Error)?.message ?? e) });
              process.exitCode = 1;
              resolve();
            },
          );
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
    });
}

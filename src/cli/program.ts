/**
 * The `driftwatch` command. Exit codes: 0 success, 1 a `--fail-on` condition was met,
 * 2 usage or input error (one line on stderr, nothing half-written).
 * @module
 */
import { Command, CommanderError } from 'commander';
import { isDriftwatchError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { demoCommand } from './demo-command.ts';
import { profileCommand } from './profile-command.ts';
import { reportCommand } from './report-command.ts';
import { schemaCommand } from './schema-command.ts';
import { serveCommand } from './serve-command.ts';
import { testCommand } from './test-command.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('driftwatch')
    .description(
      'ML model monitoring: drift, data quality and data contracts, Evidently-compatible and fast.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  program.addCommand(reportCommand().exitOverride());
  program.addCommand(profileCommand().exitOverride());
  program.addCommand(schemaCommand().exitOverride());
  program.addCommand(testCommand().exitOverride());
  program.addCommand(serveCommand().exitOverride());
  program.addCommand(demoCommand().exitOverride());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isDriftwatchError(e)) {
      process.stderr.write(`driftwatch: ${e.message} [${e.code}]\n`);
      return 2;
    }
    process.stderr.write(`driftwatch: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

/**
 * `driftwatch profile`: profile a reference dataset once into a mergeable `.dwprofile` file, then compare
 * against it with `driftwatch report --reference ref.dwprofile --current …` (exact where the profile is
 * exact, the error bound stated where it is sketched) or upload it as a model version's reference.
 * @module
 */
import { Command, Option } from 'commander';
import type { DatasetProfile } from '../core/profile/profile-types.ts';
import type { SketchedColumn } from '../core/profile/profile-warnings.ts';
import { readDataset } from '../readers/index.ts';
import { collect, parseList, parseNumber } from './parse-options.ts';
import { writeFileAtomic } from './write-output.ts';

interface ProfileCliOptions {
  reference: string;
  output: string;
  format?: 'csv' | 'parquet' | 'jsonl';
  columns?: string[];
  exactCap?: string;
  kllK?: string;
  frequentItems?: string;
  quiet?: boolean;
}

/** One-line summary of a written profile. */
function profileSummary(
  profile: DatasetProfile,
  output: string,
  sketched: readonly SketchedColumn[],
): string {
  const detail =
    sketched.length === 0
      ? 'exact'
      : `${sketched.length} sketched: ${sketched
          .map((s) =>
            s.sketch === 'quantiles'
              ? `${s.column} (±${(s.rankErrorBound * 100).toFixed(2)}% rank error)`
              : `${s.column} (frequent items)`,
          )
          .join(', ')}`;
  return `wrote ${output}: ${profile.rows} rows, ${profile.columns.length} columns (${detail})\n`;
}

export function profileCommand(): Command {
  return new Command('profile')
    .description(
      'Profile a reference dataset into a mergeable .dwprofile file; compare with it later: report --reference ref.dwprofile.',
    )
    .requiredOption('--reference <path>', 'data to profile: file, glob (quote it) or directory of partitions')
    .requiredOption('-o, --output <file>', "profile file to write, e.g. ref.dwprofile ('-' for stdout)")
    .addOption(
      new Option('--format <format>', 'input format when the extension does not tell').choices([
        'csv',
        'parquet',
        'jsonl',
      ]),
    )
    .option('--columns <list>', 'only these columns (comma-separated, repeatable)', collect)
    .option('--exact-cap <n>', 'numeric values kept exactly per column before sketching (default 100000)')
    .option('--kll-k <k>', 'KLL accuracy parameter once sketched (default 200: ±1.33% rank error)')
    .option('--frequent-items <n>', 'distinct strings counted exactly before sketching (default 1000)')
    .option('--quiet', 'no summary line')
    .action(async (opts: ProfileCliOptions) => {
      const columns = parseList(opts.columns);
      const options = {
        ...(opts.exactCap === undefined
          ? {}
          : { exactCap: parseNumber(opts.exactCap, '--exact-cap', { min: 0, integer: true }) }),
        ...(opts.kllK === undefined
          ? {}
          : { kllK: parseNumber(opts.kllK, '--kll-k', { min: 8, max: 65535, integer: true }) }),
        ...(opts.frequentItems === undefined
          ? {}
          : {
              frequentItemsCapacity: parseNumber(opts.frequentItems, '--frequent-items', {
                min: 1,
                integer: true,
              }),
            }),
      };
      // The profile modules (and zod) load only when this command runs.
      const [{ profileTable }, { serializeProfile }, { sketchedColumns }] = await Promise.all([
        import('../core/profile/profile-table.ts'),
        import('../core/profile/profile-file.ts'),
        import('../core/profile/profile-warnings.ts'),
      ]);
      const dataset = await readDataset(opts.reference, {
        ...(opts.format ? { format: opts.format } : {}),
        ...(columns ? { columns } : {}),
      });
      const profile = profileTable(dataset, {
        ...options,
        createdAtMs: Date.now(),
        source: dataset.files.join(', '),
      });
      const text = serializeProfile(profile);
      if (opts.output === '-') process.stdout.write(text);
      else await writeFileAtomic(opts.output, text);
      if (!opts.quiet) {
        (opts.output === '-' ? process.stderr : process.stdout).write(
          profileSummary(profile, opts.output, sketchedColumns(profile)),
        );
      }
    });
}

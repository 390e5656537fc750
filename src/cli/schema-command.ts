/**
 * `driftwatch schema infer`: suggest a data contract from reference data (like SageMaker's suggested
 * constraints), printed as YAML for review.
 * @module
 */
import { Command, Option } from 'commander';
import { type ColumnType, inferColumnType } from '../core/schema/column-type.ts';
import { readDataset } from '../readers/index.ts';
import { collect, parseColumnType, parsePairs } from './parse-options.ts';
import { writeFileAtomic } from './write-output.ts';

export function schemaCommand(): Command {
  const schema = new Command('schema').description('Data contracts: suggest one from reference data.');
  schema.addCommand(
    new Command('infer')
      .description(
        'Suggest a data contract (YAML) from reference data; review it, then use it with `report --schema`.',
      )
      .requiredOption('--reference <path>', 'reference data: file, glob or directory')
      .addOption(
        new Option('--format <format>', 'input format when the extension does not tell').choices([
          'csv',
          'parquet',
          'jsonl',
        ]),
      )
      .option('--column-type <col=type>', 'set a column type: num|cat|text|datetime|id (repeatable)', collect)
      .option('-o, --output <file>', 'write to a file instead of stdout')
      .exitOverride()
      .action(async (opts) => {
        const format = opts.format as 'csv' | 'parquet' | 'jsonl' | undefined;
        const table = await readDataset(opts.reference, format ? { format } : {});
        const overrides = new Map(
          parsePairs(opts.columnType, '--column-type').map(([c, t]) => [
            c,
            parseColumnType(t, '--column-type'),
          ]),
        );
        const columnTypes = new Map<string, ColumnType>(
          table.columns.map((c) => [c.name, overrides.get(c.name) ?? inferColumnType(c)]),
        );
        const { contractToYaml } = await import('../core/schema/contract-yaml.ts');
        const { suggestContract } = await import('../core/schema/suggest-contract.ts');
        const yaml = contractToYaml(suggestContract(table, { columnTypes }));
        if (opts.output) await writeFileAtomic(opts.output, yaml);
        else process.stdout.write(yaml);
      }),
  );
  return schema;
}

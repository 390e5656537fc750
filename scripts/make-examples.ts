/**
 * Builds the example data shipped in examples/ from NannyML's synthetic car-loan dataset
 * (Apache-2.0, NannyML/nannyml-datasets; copied to test/fixtures/nannyml/): the first 10 000 reference
 * rows, and 10 000 monitoring rows from the second half, where NannyML documents a covariate shift in
 * car_value, salary_range, repaid_loan_on_prev_car and loan_length.
 * Run: npx tsx scripts/make-examples.ts
 */
import { writeFileSync } from 'node:fs';
import { isStringColumn, type Table } from '../src/core/table/column.ts';
import { readDataset } from '../src/readers/index.ts';

function toCsv(table: Table, from: number, to: number): string {
  const lines = [table.columns.map((c) => c.name).join(',')];
  for (let i = from; i < to; i++) {
    lines.push(
      table.columns
        .map((c) => {
          if (isStringColumn(c)) {
            const code = c.codes[i]!;
            if (code < 0) return '';
            const s = c.dictionary[code]!;
            return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
          }
          const v = c.values[i]!;
          if (Number.isNaN(v)) return '';
          return c.dtype === 'datetime' ? new Date(v).toISOString() : String(v);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const ref = await readDataset('test/fixtures/nannyml/reference_synthetic_car_loan.parquet');
const cur = await readDataset('test/fixtures/nannyml/monitoring_synthetic_car_loan.parquet');
writeFileSync('examples/reference.csv', toCsv(ref, 0, 10_000));
writeFileSync('examples/current.csv', toCsv(cur, 30_000, 40_000));
console.log('wrote examples/reference.csv and examples/current.csv');

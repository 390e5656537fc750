import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The CLI and worker-thread tests run the built package (`dist/`), exactly as users do, so the suite
 * builds it once before any test starts: tsc for the library, then the esbuild bundle of the CLI.
 */
export default function setup(): void {
  // Focused runs of suites that do not need dist/ (set by hand while developing; CI never sets it).
  if (process.env.DRIFTWATCH_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit', cwd: root });
  execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { stdio: 'inherit', cwd: root });
}

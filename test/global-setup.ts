import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The CLI and worker-thread tests run the compiled package (`dist/`), exactly as users do, so the
 * suite builds it once before any test starts (tsc takes about a second).
 */
export default function setup(): void {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
}

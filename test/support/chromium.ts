/**
 * Debian's Chromium for the browser tests (never a downloaded browser): its path, or null with a visible skip
 * notice — except under `CI=true`, where each browser suite's "has chromium in CI" test fails instead.
 */
import { execFileSync } from 'node:child_process';

export const inCi = process.env.CI === 'true';

/** Launch flags: headless, no network side-channels (updates, sync, QUIC). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function which(): string | null {
  try {
    const path = execFileSync('which', ['chromium'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return path === '' ? null : path;
  } catch {
    return null;
  }
}

/** The chromium path; prints the skip notice naming `suite` when it is missing outside CI. */
export function findChromium(suite: string): string | null {
  const path = which();
  if (path === null && !inCi) {
    console.warn(
      `\n⚠ ${suite} SKIPPED: chromium not found on PATH (install it with \`apt-get install -y chromium\`; never \`npx playwright install\`).\n`,
    );
  }
  return path;
}

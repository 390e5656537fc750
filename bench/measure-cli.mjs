// Runs the built CLI inside this process and prints its peak RSS at exit, so the benchmark measures the
// real command end to end (process start to exit) including memory. Plain JS: no loader overhead.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
await import('../dist/cli/main.js');

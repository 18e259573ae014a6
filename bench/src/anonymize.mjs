// The anonymizer scenario: packages/anonymize's own benchmark (scripts/bench.mjs, MB/s of the
// default Analyzer on generated PII-dense and PII-free text), run as a child process so that
// its numbers are exactly the package's. No peer runs here (Presidio is Python and not
// installed); the rows carry Tessera's number only.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function runAnonymizerBench() {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@tessera/anonymize/package.json'));
  const r = spawnSync(process.execPath, [join(pkg, 'scripts', 'bench.mjs')], { encoding: 'utf8', timeout: 300_000 });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{"benchmark"'));
  if (r.status !== 0 || !line) return { error: (r.stderr || r.stdout || 'no output').trim().split('\n').at(-1) };
  return JSON.parse(line).results;
}

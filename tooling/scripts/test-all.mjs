#!/usr/bin/env node
// The repository's whole check, as README's test command runs it: build, typecheck, lint,
// every package's vitest suite, and the pack-and-install check. Every step runs even when an
// earlier one fails, so that one report covers everything; the last line is CI's totals line
// "N passed, N failed" (vitest's own summaries are per package and are not read by CI).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--no-pack');
const step = (label, cmd, args) => {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0;
};

// Stale reports from an earlier run must not be counted.
const workspaces = ['packages', 'apps', 'bench']
  .filter((d) => existsSync(join(root, d)))
  .flatMap((d) =>
    d === 'bench' ? [join(root, d)] : readdirSync(join(root, d)).map((x) => join(root, d, x)),
  )
  .filter((d) => existsSync(join(d, 'package.json')));
for (const w of workspaces) rmSync(join(w, 'test-results'), { recursive: true, force: true });
rmSync(join(root, 'tooling', '.results'), { recursive: true, force: true });

let passed = 0;
let failed = 0;
const failures = [];
const count = (ok, what) => {
  if (ok) passed++;
  else {
    failed++;
    failures.push(what);
  }
};

count(step('build', 'pnpm', ['exec', 'turbo', 'run', 'build']), 'build');
count(step('typecheck', 'pnpm', ['exec', 'turbo', 'run', 'typecheck', '--continue']), 'typecheck');
count(step('lint', 'pnpm', ['exec', 'eslint', '.']), 'lint');
const unitOk = step('unit tests', 'pnpm', ['exec', 'turbo', 'run', 'test', '--continue']);
const failedBeforeUnits = failed;
let skipped = 0;

for (const w of workspaces) {
  const pkg = JSON.parse(readFileSync(join(w, 'package.json'), 'utf8'));
  if (!pkg.scripts?.test) continue;
  const report = join(w, 'test-results', 'vitest.json');
  if (!existsSync(report)) {
    count(false, `${pkg.name}: no test report (the test task did not run or crashed)`);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that fails outside its tests (it does not load, or a beforeAll throws and vitest
  // marks its tests skipped) has no failed test of its own; count the file, or its failure vanishes.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  );
  for (const f of brokenFiles) count(false, `${pkg.name}: ${f.name} failed outside its tests: ${f.message || "a hook (beforeAll/afterAll) failed"}`);
  for (const f of r.testResults ?? [])
    for (const a of f.assertionResults ?? [])
      if (a.status === 'failed') failures.push(`${pkg.name}: ${a.fullName}`);
}

// turbo failing with no failure counted means a task broke in a way no report shows.
if (!unitOk && failed === failedBeforeUnits) count(false, 'turbo run test failed, but no report names a failure');

if (!quick) {
  step('pack-and-install check', 'node', ['tooling/scripts/pack-check.mjs']);
  const file = join(root, 'tooling', '.results', 'pack-check.json');
  if (!existsSync(file)) count(false, 'pack-check: no report');
  else for (const r of JSON.parse(readFileSync(file, 'utf8'))) count(r.ok, `pack-check ${r.name}`);
}

if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 ? 0 : 1;

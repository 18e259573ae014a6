#!/usr/bin/env node
// Proves "each package installs alone": packs every package with pnpm (which rewrites
// workspace: ranges to real versions), installs one tarball plus the tarballs of its
// @tessera dependencies into an empty folder with plain npm, and imports it from an ESM script.
// Prints one line per package and writes tooling/.results/pack-check.json for the totals.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);

const pkgs = readdirSync(join(root, 'packages'))
  .map((d) => join(root, 'packages', d))
  .filter((d) => existsSync(join(d, 'package.json')))
  .map((dir) => ({ dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter((p) => !p.json.private);
const byName = new Map(pkgs.map((p) => [p.json.name, p]));

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// What each package's smoke script checks beyond "it imports": the backend must find its
// wasm binaries inside the installed package and run a kernel there.
const extraChecks = {
  '@tessera/backend': `
    const info = await m.useBackend('wasm');
    if (info.name !== 'wasm' || !info.simd) throw new Error('wasm with SIMD expected, got ' + JSON.stringify(info));
    const s = m.tf.sum(m.tf.tensor1d([1, 2, 3])).dataSync()[0];
    if (s !== 6) throw new Error('sum on wasm gave ' + s);`,
};

function tarballFor(name) {
  const p = byName.get(name);
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], p.dir).trim().split('\n').pop();
  return out.endsWith('.tgz') ? out : join(tarballs, out);
}

function tesseraDeps(name, seen = new Set()) {
  for (const dep of Object.keys(byName.get(name).json.dependencies ?? {})) {
    if (byName.has(dep) && !seen.has(dep)) {
      seen.add(dep);
      tesseraDeps(dep, seen);
    }
  }
  return seen;
}

const results = [];
const tgz = new Map();
for (const p of pkgs) {
  const name = p.json.name;
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  try {
    for (const n of [name, ...tesseraDeps(name)]) if (!tgz.has(n)) tgz.set(n, tarballFor(n));
    const app = join(work, name.replace('/', '__'));
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tgz.get(name), ...[...tesseraDeps(name)].map((n) => tgz.get(n))],
      app,
    );
    // The import must come from the installed copy, not the workspace.
    const check = `import * as m from '${name}';\n${extraChecks[name] ?? ''}\nconsole.log(Object.keys(m).length);`;
    writeFileSync(join(app, 'check.mjs'), check);
    run('node', ['check.mjs'], app);
    const types = p.json.types ?? p.json.exports?.['.']?.types;
    if (types && !existsSync(join(app, 'node_modules', name, types))) throw new Error(`types file ${types} missing from the tarball`);
    results.push({ name, ok: true, seconds: (Date.now() - started) / 1000 });
    console.log(`pack-check ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    const detail = (e.stderr || e.message || String(e)).toString().split('\n').slice(0, 15).join('\n');
    results.push({ name, ok: false, error: detail });
    console.log(`pack-check FAIL ${name}\n${detail}`);
  }
}
rmSync(work, { recursive: true, force: true });
mkdirSync(join(root, 'tooling', '.results'), { recursive: true });
writeFileSync(join(root, 'tooling', '.results', 'pack-check.json'), JSON.stringify(results, null, 2));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;

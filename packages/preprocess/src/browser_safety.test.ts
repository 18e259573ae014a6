/**
 * The package must bundle for browsers: Node-only modules (node:fs, csv-parse's Node build)
 * may only be reached through dynamic import(), and package.json's "browser" field must swap
 * each of them for its browser twin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { browser: Record<string, string>; dependencies: Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('browser safety', () => {
  const files = sources(join(root, 'src'));
  const nodeOnly = ['dataset/node_file.ts', 'dataset/csv_engine.ts'];

  it('imports node builtins and csv-parse\'s Node build only in the swappable modules', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const rel = f.slice(join(root, 'src').length + 1);
      const staticImports = [...text.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]);
      const offenders = staticImports.filter((s) => s!.startsWith('node:') || s === 'csv-parse');
      if (!nodeOnly.includes(rel)) expect([rel, offenders]).toEqual([rel, []]);
    }
  });

  it('reaches the Node-only modules through dynamic import only, with browser twins mapped', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of nodeOnly) {
        const name = m.split('/')[1]!.replace('.ts', '.js');
        expect(new RegExp(`^import[^;]*'\\./${name}'`, 'm').test(text)).toBe(false);
      }
    }
    expect(pkg.browser).toEqual({
      './dist/dataset/node_file.js': './dist/dataset/node_file_browser.js',
      './dist/dataset/csv_engine.js': './dist/dataset/csv_engine_browser.js',
    });
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['@tessera/backend', 'csv-parse']);
  });
});

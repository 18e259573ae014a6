import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/pipeline.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every module reachable from `entry` through static imports, with the bare specifiers each imports. */
function staticGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const src = readFileSync(file, 'utf8');
    // Static import/export ... from '...' (dynamic import() calls are deliberately not followed).
    const specs = [...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    graph.set(file, specs.filter((s) => !s.startsWith('.')));
    for (const s of specs.filter((x) => x.startsWith('.'))) visit(resolve(dirname(file), s));
  };
  visit(entry);
  return graph;
}

describe('what loading the package pulls in', () => {
  it('the entry point statically imports no Node built-in, native binding, Graphviz or tensor library', () => {
    expect(existsSync(join(dist, 'index.js')), 'run pnpm build first').toBe(true);
    const graph = staticGraph(join(dist, 'index.js'));
    expect(graph.size).toBeGreaterThan(20);
    const bare = [...graph.values()].flat();
    expect(bare).toEqual([]);
    // The SQLite module exists but is reached only through a dynamic import.
    expect(graph.has(join(dist, 'sqlite_store.js'))).toBe(false);
    expect(readFileSync(join(dist, 'open_store.js'), 'utf8')).toContain("import('./sqlite_store.js')");
  });

  it('a memory-store user never loads better-sqlite3; a SQLite user does', () => {
    const out = execFileSync(process.execPath, [fileURLToPath(new URL('./fixtures/load_check.mjs', import.meta.url)), join(tempDir(), 'x.sqlite')], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });
});

/**
 * Build-time check: the app imports the Tessera packages' built `dist/`, so say how to build
 * them when one is missing, instead of Vite's "Failed to resolve entry for package".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The @tessera packages in `packageJson`'s dependencies whose `dist/` is missing.
 *
 * @example
 * ```ts
 * unbuiltPackages('apps/playground/package.json'); // ['@tessera/compress']
 * ```
 */
export function unbuiltPackages(packageJson: string): string[] {
  const deps = Object.keys((JSON.parse(readFileSync(packageJson, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  return deps.filter((d) => d.startsWith('@tessera/') && !existsSync(join(packageDir(d, dirname(packageJson)), 'dist')));
}

/** Where `name` is installed as seen from `from` (node_modules lookup; no `exports` needed). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`workspace check: ${name} is not installed (run pnpm install)`);
  }
}

/**
 * The Vite plugin: fails the build early, naming the command that builds the packages.
 *
 * @example
 * ```ts
 * export default defineConfig({ plugins: [workspaceCheck(new URL('../package.json', import.meta.url))] });
 * ```
 */
export function workspaceCheck(packageJson: string): Plugin {
  return {
    name: 'tessera-workspace-check',
    configResolved() {
      const missing = unbuiltPackages(packageJson);
      if (missing.length) {
        throw new Error(`${missing.join(', ')} not built (no dist/): run \`pnpm --filter playground... build\` (or \`pnpm build\` at the repository root) first`);
      }
    },
  };
}

import type * as FsPromises from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { describe } from './internal/describe.js';
import { isNode, nodeImport } from './internal/node.js';
import type { CodeVersion } from './records.js';

type Fsp = typeof FsPromises;
type Path = typeof NodePath;

/**
 * Finds the version of the code that is running (Node): the nearest package.json's name, version
 * and repository, and the git commit of the enclosing repository, read from `.git` directly
 * (no git binary needed). Anything not found is left out; in a browser it resolves to `{}`.
 *
 * @param dir where to start looking (default: the current directory)
 * @example
 * ```ts
 * await detectCodeVersion(); // { package: 'spam-app', version: '1.2.0', gitCommit: '3f2a...' }
 * ```
 */
export async function detectCodeVersion(dir?: string): Promise<CodeVersion> {
  if (dir !== undefined && (typeof dir !== 'string' || dir === '')) {
    throw new Error(`detectCodeVersion: dir must be a non-empty string, got ${describe(dir)}`);
  }
  if (!isNode()) return {};
  const fsp = await nodeImport<Fsp>('node:fs/promises');
  const path = await nodeImport<Path>('node:path');
  const out: { -readonly [K in keyof CodeVersion]: CodeVersion[K] } = {};
  let current = path.resolve(dir ?? process.cwd());
  let foundPackage = false;
  for (;;) {
    if (!foundPackage) {
      const pkg = await fsp.readFile(path.join(current, 'package.json'), 'utf8').then(JSON.parse, () => null) as
        | { name?: unknown; version?: unknown; repository?: unknown }
        | null;
      if (pkg) {
        foundPackage = true;
        if (typeof pkg.name === 'string') out.package = pkg.name;
        if (typeof pkg.version === 'string') out.version = pkg.version;
        const repo = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
        if (typeof repo === 'string') out.repository = repo.replace(/^git\+/, '');
      }
    }
    const commit = await gitCommit(fsp, path, path.join(current, '.git'));
    if (commit) {
      out.gitCommit = commit;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return out;
}

async function gitCommit(fsp: Fsp, path: Path, dotGit: string): Promise<string | undefined> {
  const st = await fsp.stat(dotGit).catch(() => null);
  if (!st) return undefined;
  let gitDir = dotGit;
  if (st.isFile()) {
    // A worktree or submodule: ".git" is a file "gitdir: <path>".
    const m = /^gitdir:\s*(.+)$/m.exec(await fsp.readFile(dotGit, 'utf8'));
    if (!m) return undefined;
    gitDir = path.resolve(path.dirname(dotGit), m[1]!.trim());
  }
  const head = (await fsp.readFile(path.join(gitDir, 'HEAD'), 'utf8').catch(() => '')).trim();
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  // Worktrees keep shared refs in the common dir.
  const common = (await fsp.readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => '')).trim();
  for (const base of common ? [gitDir, path.resolve(gitDir, common)] : [gitDir]) {
    const loose = (await fsp.readFile(path.join(base, ref), 'utf8').catch(() => '')).trim();
    if (/^[0-9a-f]{40}$/.test(loose)) return loose;
    const packed = await fsp.readFile(path.join(base, 'packed-refs'), 'utf8').catch(() => '');
    for (const line of packed.split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
    }
  }
  return undefined;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCodeVersion } from './code_version.js';

const sha = (c: string) => c.repeat(40);

describe('detectCodeVersion', () => {
  it('reads package.json and the git commit of a branch, loose or packed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lineage-cv-'));
    mkdirSync(join(root, '.git', 'refs', 'heads'), { recursive: true });
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(root, '.git', 'refs', 'heads', 'main'), `${sha('a')}\n`);
    const app = join(root, 'apps', 'spam');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'spam', version: '2.1.0', repository: { url: 'git+https://example.org/x.git' } }));
    expect(await detectCodeVersion(app)).toEqual({ package: 'spam', version: '2.1.0', repository: 'https://example.org/x.git', gitCommit: sha('a') });
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/release\n');
    writeFileSync(join(root, '.git', 'packed-refs'), `# pack-refs\n${sha('b')} refs/heads/release\n`);
    expect((await detectCodeVersion(app)).gitCommit).toBe(sha('b'));
    writeFileSync(join(root, '.git', 'HEAD'), `${sha('c')}\n`); // detached
    expect((await detectCodeVersion(app)).gitCommit).toBe(sha('c'));
  });

  it('follows a worktree .git file and leaves out what it cannot find', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lineage-cv-'));
    const gitdir = join(root, 'main.git', 'worktrees', 'wt');
    mkdirSync(gitdir, { recursive: true });
    writeFileSync(join(gitdir, 'HEAD'), `${sha('d')}\n`);
    const wt = join(root, 'wt');
    mkdirSync(wt);
    writeFileSync(join(wt, '.git'), `gitdir: ${gitdir}\n`);
    expect(await detectCodeVersion(wt)).toEqual({ gitCommit: sha('d') });
    const bare = mkdtempSync(join(tmpdir(), 'lineage-cv-'));
    const found = await detectCodeVersion(bare);
    expect(found.package).toBeUndefined();
    await expect(detectCodeVersion('')).rejects.toThrow('detectCodeVersion: dir must be a non-empty string');
  });
});

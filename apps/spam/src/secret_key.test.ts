import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { KEY_ENV, loadKey } from './secret_key.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const saved = process.env[KEY_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[KEY_ENV];
  else process.env[KEY_ENV] = saved;
});

describe('loadKey', () => {
  it('creates a key file with mode 0600 once and reads the same key afterwards', async () => {
    delete process.env[KEY_ENV];
    const keyFile = join(dir, 'cfg', 'k.key');
    const first = await loadKey({ flagValue: null, keyFile, runsDir: join(dir, 'runs') });
    const again = await loadKey({ flagValue: null, keyFile, runsDir: join(dir, 'runs') });
    expect(first.source).toBe('file');
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(first.bytes.length).toBe(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prefers --key, then the environment variable', async () => {
    process.env[KEY_ENV] = 'f'.repeat(64);
    const fromFlag = await loadKey({ flagValue: 'a passphrase of some length', keyFile: join(dir, 'none'), runsDir: 'runs' });
    expect(fromFlag.source).toBe('flag');
    const fromEnv = await loadKey({ flagValue: null, keyFile: join(dir, 'none'), runsDir: 'runs' });
    expect(fromEnv).toMatchObject({ source: 'env' });
    expect(Buffer.from(fromEnv.bytes).toString('hex')).toBe('f'.repeat(64));
  });

  it('refuses a short key without echoing it, and a key file inside the runs folder', async () => {
    delete process.env[KEY_ENV];
    await expect(loadKey({ flagValue: 'shortsecret', keyFile: 'x', runsDir: 'runs' })).rejects.toThrow('--key must be at least 16 bytes');
    await expect(loadKey({ flagValue: 'shortsecret', keyFile: 'x', runsDir: 'runs' })).rejects.not.toThrow('shortsecret');
    await expect(loadKey({ flagValue: null, keyFile: join(dir, 'runs', 'k.key'), runsDir: join(dir, 'runs') })).rejects.toThrow('is inside the runs folder');
  });
});

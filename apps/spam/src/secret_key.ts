/**
 * The HMAC key behind the pseudonyms. Whoever holds it can test guesses ("is <EMAIL_ADDRESS_3f..>
 * jo@example.org?"), so it never goes into a run folder, a log or the lineage store: it comes
 * from `--key`, the `TESSERA_SPAM_KEY` environment variable, or a key file that is generated once
 * (mode 0600) in the user's config folder, away from the runs that get shared.
 */
import { createHmac } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { generateKey } from '@tessera/anonymize';

/** Environment variable that can hold the key. */
export const KEY_ENV = 'TESSERA_SPAM_KEY';

/** A loaded key and where it came from (the key itself is never printed). */
export interface PseudonymKey {
  bytes: Uint8Array;
  source: 'flag' | 'env' | 'file';
  /** The key file, when the key came from one. */
  file?: string;
  /** A short id derived from the key (HMAC of a fixed label): tells runs with the same key apart without revealing it. */
  id: string;
}

/** The default key file: `$XDG_CONFIG_HOME/tessera/spam-pseudonym.key` (or `~/.config/...`). */
export function defaultKeyFile(): string {
  const base = process.env.XDG_CONFIG_HOME && isAbsolute(process.env.XDG_CONFIG_HOME) ? process.env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'tessera', 'spam-pseudonym.key');
}

function fromText(text: string, where: string): Uint8Array {
  const t = text.trim();
  // 32+ hex digits are key bytes; anything else is a passphrase used as UTF-8 bytes.
  const bytes = /^(?:[0-9a-fA-F]{2}){16,}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'utf8');
  if (bytes.length < 16) throw new Error(`${where} must be at least 16 bytes (32 hex digits or a 16-character passphrase), got ${bytes.length} bytes`);
  return new Uint8Array(bytes);
}

function keyId(bytes: Uint8Array): string {
  return createHmac('sha256', bytes).update('tessera spam pseudonym key id').digest('hex').slice(0, 12);
}

/**
 * Loads the pseudonym key: `flagValue` (from `--key`), else `TESSERA_SPAM_KEY`, else `keyFile`
 * (created with 32 random bytes when missing). A key file inside `runsDir` is refused.
 *
 * @throws Error naming the source (never the key) when the key is too short or the file is unusable
 * @example
 * ```ts
 * const key = await loadKey({ flagValue: null, keyFile: defaultKeyFile(), runsDir: 'runs' });
 * key.source; // 'file'
 * ```
 */
export async function loadKey(options: { flagValue: string | null; keyFile: string; runsDir: string }): Promise<PseudonymKey> {
  if (options.flagValue !== null) {
    const bytes = fromText(options.flagValue, '--key');
    return { bytes, source: 'flag', id: keyId(bytes) };
  }
  const env = process.env[KEY_ENV];
  if (env !== undefined && env.trim() !== '') {
    const bytes = fromText(env, KEY_ENV);
    return { bytes, source: 'env', id: keyId(bytes) };
  }
  const file = resolve(options.keyFile);
  const inRuns = relative(resolve(options.runsDir), file);
  if (!inRuns.startsWith('..') && !isAbsolute(inRuns)) {
    throw new Error(`--key-file: ${file} is inside the runs folder ${resolve(options.runsDir)}, which is meant to be shared; keep the key elsewhere`);
  }
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`--key-file: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
  if (text === null) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    text = Buffer.from(generateKey(32)).toString('hex');
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
  }
  const bytes = fromText(text, `--key-file ${file}`);
  return { bytes, source: 'file', file, id: keyId(bytes) };
}

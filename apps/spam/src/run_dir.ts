/**
 * The run folder: every output of one run, and `run.json` with the run's settings (never the key).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SpamOptions } from './options.js';

/** The fixed layout of a run folder. */
export function runPaths(dir: string) {
  return {
    dir,
    record: join(dir, 'run.json'),
    metrics: join(dir, 'metrics.json'),
    comparison: join(dir, 'comparison.md'),
    summary: join(dir, 'summary.json'),
    splits: join(dir, 'splits.json'),
    tokenizer: join(dir, 'tokenizer.json'),
    lineageGraph: join(dir, 'lineage.mmd'),
    /** `<dir>/<name>`: a picture's base path (`.svg` and `.png` are added). */
    picture: (name: string) => join(dir, name),
    /** `<dir>/model-<name>/`: a model's config and weights. */
    model: (name: string) => join(dir, `model-${name}`),
    /** `<dir>/model-card-<name>`: `.md` and `.json` are added. */
    modelCard: (name: string) => join(dir, `model-card-${name}`),
  };
}

/** Paths of a run folder's files, as {@link runPaths} lays them out. */
export type RunPaths = ReturnType<typeof runPaths>;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates a new run folder under the runs folder and writes `run.json` (the settings without
 * the key).
 *
 * @throws Error when `--run-name` names a folder that exists (a run is never overwritten)
 * @example
 * ```ts
 * const paths = await createRun(options);
 * ```
 */
export async function createRun(options: SpamOptions, now = new Date()): Promise<RunPaths> {
  const runsDir = resolve(options.runsDir);
  await mkdir(runsDir, { recursive: true });
  const base = options.runName ?? `spam-${stamp(now)}`;
  let dir = join(runsDir, base);
  for (let k = 2; await exists(dir); k++) {
    if (options.runName !== null) throw new Error(`--run-name: ${dir} already exists; pick another name`);
    dir = join(runsDir, `${base}-${k}`);
  }
  await mkdir(dir, { recursive: true });
  const paths = runPaths(dir);
  const { key: _key, ...settings } = options;
  await writeFile(paths.record, `${JSON.stringify({ app: 'spam', createdAt: now.toISOString(), options: { ...settings, key: options.key === null ? null : '(given, not recorded)' } }, null, 2)}\n`);
  return paths;
}

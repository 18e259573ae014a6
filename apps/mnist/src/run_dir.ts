/**
 * The run folder: where every output of one run goes, and `run.json`, the record that lets
 * `--resume` find an interrupted run and continue it with the same settings.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MnistOptions } from './options.js';

/** What `run.json` holds. */
export interface RunRecord {
  app: 'mnist';
  /** `training` until the run finished; an interrupted run stays `training` or `interrupted`. */
  status: 'training' | 'interrupted' | 'completed' | 'failed';
  options: MnistOptions;
  createdAt: string;
  updatedAt: string;
  /** How many times the run was resumed. */
  resumes: number;
  /** The backend each session used. */
  backends: string[];
  /** Lineage ids of what the run registered (filled in as it goes). */
  lineage: Record<string, string>;
}

/** The fixed layout of a run folder. */
export function runPaths(dir: string) {
  return {
    dir,
    record: join(dir, 'run.json'),
    checkpoints: join(dir, 'checkpoints'),
    metrics: join(dir, 'metrics.json'),
    history: join(dir, 'history.jsonl'),
    confusionMatrix: join(dir, 'confusion-matrix'),
    lossCurve: join(dir, 'loss-curve'),
    classificationReport: join(dir, 'classification-report.txt'),
    model: join(dir, 'model'),
    compressed: join(dir, 'compressed'),
    compressionReport: join(dir, 'compression-report'),
    modelCard: join(dir, 'model-card'),
    lineageGraph: join(dir, 'lineage.mmd'),
  };
}

/** Paths of a run folder's files, as {@link runPaths} lays them out. */
export type RunPaths = ReturnType<typeof runPaths>;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Creates a new run folder under `runsDir` and writes its first `run.json`.
 *
 * @throws Error when a folder of that name already exists (a run is never overwritten)
 * @example
 * ```ts
 * const { paths, record } = await createRun(options);
 * ```
 */
export async function createRun(options: MnistOptions, now = new Date()): Promise<{ paths: RunPaths; record: RunRecord }> {
  const runsDir = resolve(options.runsDir);
  await mkdir(runsDir, { recursive: true });
  const base = options.runName ?? `mnist-${stamp(now)}`;
  let dir = join(runsDir, base);
  // Two default-named runs in the same second get -2, -3 ...; an explicit name must be new.
  for (let k = 2; await exists(dir); k++) {
    if (options.runName !== null) throw new Error(`--run-name: ${dir} already exists; pick another name or use --resume ${dir}`);
    dir = join(runsDir, `${base}-${k}`);
  }
  await mkdir(dir, { recursive: true });
  const record: RunRecord = {
    app: 'mnist',
    status: 'training',
    options,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    resumes: 0,
    backends: [],
    lineage: {},
  };
  const paths = runPaths(dir);
  await saveRecord(paths, record);
  return { paths, record };
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
 * Writes `run.json` atomically (temp file, then rename), so an interruption never leaves half a record.
 *
 * @example
 * ```ts
 * await saveRecord(paths, { ...record, status: 'completed' });
 * ```
 */
export async function saveRecord(paths: RunPaths, record: RunRecord): Promise<void> {
  record.updatedAt = new Date().toISOString();
  const tmp = `${paths.record}.tmp`;
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(tmp, paths.record);
}

/**
 * Opens an existing run for `--resume`: the given folder, or the newest unfinished mnist run
 * under `runsDir`.
 *
 * @throws Error saying what was looked for and where, when there is nothing to resume
 * @example
 * ```ts
 * const { paths, record } = await openRunToResume(null, 'runs');
 * ```
 */
export async function openRunToResume(runDir: string | null, runsDir: string): Promise<{ paths: RunPaths; record: RunRecord }> {
  if (runDir !== null) {
    const paths = runPaths(resolve(runDir));
    const record = await readRecord(paths, '--resume');
    if (record.status === 'completed') throw new Error(`--resume: the run in ${paths.dir} already completed; start a new run instead`);
    return { paths, record };
  }
  const root = resolve(runsDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (e) {
    throw new Error(`--resume: no runs folder at ${root}; start a run first (or give --runs-dir)`, { cause: e });
  }
  const candidates: { paths: RunPaths; record: RunRecord }[] = [];
  for (const name of names) {
    const paths = runPaths(join(root, name));
    if (!(await exists(paths.record))) continue;
    try {
      const record = await readRecord(paths, '--resume');
      if (record.app === 'mnist' && record.status !== 'completed') candidates.push({ paths, record });
    } catch {
      // A folder that is not a readable mnist run is not a candidate.
    }
  }
  candidates.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
  const newest = candidates[0];
  if (!newest) throw new Error(`--resume: no unfinished mnist run in ${root}`);
  return newest;
}

async function readRecord(paths: RunPaths, caller: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(paths.record, 'utf8');
  } catch {
    throw new Error(`${caller}: ${paths.dir} is not a run folder (no run.json)`);
  }
  const record = JSON.parse(text) as RunRecord;
  if (record.app !== 'mnist' || typeof record.options !== 'object') throw new Error(`${caller}: ${paths.record} is not a run record of the mnist app`);
  return record;
}

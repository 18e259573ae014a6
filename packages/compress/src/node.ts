/**
 * `@tessera/compress/node`: compressed models and reports as files. Each model goes to
 * `<dir>/<name>/` as `model.json` (config), `model.safetensors` (its weights file, byte for
 * byte) and `compression.json` (name, method, settings); a report to `<dir>/report.json` and
 * `<dir>/report.md`. Writes go through a temporary file and a rename, so a crash leaves the old
 * file intact. `node:fs` is loaded only when these functions run.
 */
import type * as FsPromises from 'node:fs/promises';
import type * as NodePath from 'node:path';
import { fromConfig, type ModelConfig, type Sequential } from '@tessera/models';
import type { CompressedModel } from './compressed_model.js';
import { fail, show } from './internal/errors.js';
import { loadQuantizedWeights } from './quantize/weights_file.js';
import { type CompressionReport, reportTable } from './report.js';

async function fsp(): Promise<typeof FsPromises> {
  return import('node:fs/promises');
}

async function pathMod(): Promise<typeof NodePath> {
  return import('node:path');
}

async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const fs = await fsp();
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, path);
}

function checkDir(fn: string, dir: unknown): string {
  if (typeof dir !== 'string' || dir === '') fail(fn, 'dir', 'be a non-empty path', show(dir));
  return dir;
}

/**
 * Where {@link saveCompressed} put one model.
 *
 * @example
 * ```ts
 * const [{ dir, weightsPath, bytes }] = await saveCompressed('runs/1', [int8]);
 * ```
 */
export interface SavedCompressed {
  name: string;
  dir: string;
  configPath: string;
  weightsPath: string;
  bytes: number;
}

/**
 * Writes each compressed model to `<dir>/<name>/` (created as needed).
 *
 * @example
 * ```ts
 * await saveCompressed('runs/1/compressed', [baseline, int8, q4]);
 * ```
 */
export async function saveCompressed(dir: string, models: CompressedModel | readonly CompressedModel[]): Promise<SavedCompressed[]> {
  const fn = 'saveCompressed';
  checkDir(fn, dir);
  const list = Array.isArray(models) ? models : [models as CompressedModel];
  const fs = await fsp();
  const path = await pathMod();
  const out: SavedCompressed[] = [];
  for (const [i, m] of list.entries()) {
    if (typeof m !== 'object' || m === null || !(m.weights instanceof Uint8Array) || typeof m.name !== 'string') {
      fail(fn, `models[${i}]`, 'be a CompressedModel', show(m));
    }
    const sub = path.join(dir, m.name);
    await fs.mkdir(sub, { recursive: true });
    const configPath = path.join(sub, 'model.json');
    const weightsPath = path.join(sub, 'model.safetensors');
    await writeAtomic(weightsPath, m.weights);
    await writeAtomic(configPath, `${JSON.stringify(m.config, null, 2)}\n`);
    await writeAtomic(path.join(sub, 'compression.json'), `${JSON.stringify({ name: m.name, method: m.method, details: m.details, bytes: m.weights.byteLength }, null, 2)}\n`);
    out.push({ name: m.name, dir: sub, configPath, weightsPath, bytes: m.weights.byteLength });
  }
  return out;
}

/**
 * Reads a model folder written by {@link saveCompressed} (or `saveModelToDir` of
 * `@tessera/models`) into a float32 model: quantized weights are dequantized.
 *
 * @example
 * ```ts
 * const model = await loadCompressed('runs/1/compressed/int8-per-channel');
 * ```
 */
export async function loadCompressed(dir: string): Promise<Sequential> {
  const fn = 'loadCompressed';
  checkDir(fn, dir);
  const fs = await fsp();
  const path = await pathMod();
  let config: ModelConfig;
  try {
    config = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8')) as ModelConfig;
  } catch (e) {
    throw new Error(`${fn}: cannot read ${path.join(dir, 'model.json')}: ${(e as Error).message}`, { cause: e });
  }
  const b = await fs.readFile(path.join(dir, 'model.safetensors'));
  const model = fromConfig(config);
  try {
    loadQuantizedWeights(model, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * Writes `<dir>/report.json` (the report as JSON) and `<dir>/report.md` (its table).
 *
 * @example
 * ```ts
 * const { jsonPath, markdownPath } = await writeReport('runs/1/compressed', report);
 * ```
 */
export async function writeReport(dir: string, report: CompressionReport): Promise<{ jsonPath: string; markdownPath: string }> {
  const fn = 'writeReport';
  checkDir(fn, dir);
  const table = reportTable(report);
  const fs = await fsp();
  const path = await pathMod();
  await fs.mkdir(dir, { recursive: true });
  const jsonPath = path.join(dir, 'report.json');
  const markdownPath = path.join(dir, 'report.md');
  await writeAtomic(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomic(markdownPath, `# Compression report\n\n${table}\n`);
  return { jsonPath, markdownPath };
}

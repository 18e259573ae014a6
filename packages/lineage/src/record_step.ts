import { RecordHasher } from './fingerprint.js';
import { checkName, checkSchema } from './internal/check.js';
import { describe, isObjectArg } from './internal/describe.js';
import { inferSchema } from './internal/infer_schema.js';
import { errorMessage } from './internal/node.js';
import type { Lineage } from './lineage.js';
import type { FieldSchema, NodeRef, Stage } from './records.js';
import type { RunHandle } from './run_handle.js';

/**
 * Options of `recordStep`.
 *
 * @example
 * ```ts
 * const options: RecordStepOptions = { operation: 'tokenize', inputs: [clean], output: { name: 'tokens' } };
 * ```
 */
export interface RecordStepOptions {
  /** The step's name ('tokenize', 'normalize'). */
  operation: string;
  /** Datasets the step reads. */
  inputs?: readonly NodeRef[];
  params?: Record<string, unknown>;
  stage?: Stage;
  /** The dataset the step produces: recorded when the items have all passed. */
  output: { name: string; schema?: readonly FieldSchema[]; source?: string; description?: string };
}

/**
 * Wraps any (async) iterable, such as a `@tessera/preprocess` Dataset or a generator, so that its
 * items pass through unchanged while they are hashed. When the iteration finishes, a transform
 * run is recorded from `inputs` to a new dataset version whose hash covers every item (like
 * `hashRecords`), with its row count and inferred schema. An error fails the run; stopping early
 * records it as aborted. Only the first full pass is recorded; later passes just pass through.
 *
 * @throws Error at once for bad options; hashing errors surface from the iteration
 * @example
 * ```ts
 * const tokens = recordStep(lineage, tokenize(cleanRows), {
 *   operation: 'tokenize', inputs: [clean], params: { vocab: 8000 }, output: { name: 'tokens' },
 * });
 * for await (const row of tokens) batch.push(row);
 * ```
 */
export function recordStep<T>(lineage: Lineage, source: AsyncIterable<T> | Iterable<T>, options: RecordStepOptions): AsyncIterable<T> {
  const isIterable =
    source != null &&
    typeof source !== 'string' &&
    (typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function' || typeof (source as Iterable<T>)[Symbol.iterator] === 'function');
  if (!isIterable) throw new Error(`recordStep: source must be an iterable or async iterable, got ${describe(source)}`);
  if (!isObjectArg(options)) throw new Error(`recordStep: options must be an object, got ${describe(options)}`);
  checkName(options.operation, 'recordStep: options.operation');
  if (!isObjectArg(options.output)) throw new Error(`recordStep: options.output must be { name, schema? }, got ${describe(options.output)}`);
  checkName(options.output.name, 'recordStep: options.output.name');
  if (options.output.schema !== undefined) checkSchema(options.output.schema, 'recordStep: options.output.schema');
  let recorded = false;
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (recorded) return toAsync(source);
      recorded = true;
      return recordPass(lineage, source, options);
    },
  };
}

function toAsync<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  return (async function* () {
    yield* source as AsyncIterable<T>;
  })();
}

async function* recordPass<T>(lineage: Lineage, source: AsyncIterable<T> | Iterable<T>, options: RecordStepOptions): AsyncGenerator<T> {
  const run = await lineage.start(options.operation, {
    inputs: options.inputs ?? [],
    params: options.params ?? {},
    kind: 'transform',
    ...(options.stage ? { stage: options.stage } : {}),
  });
  const hasher = await RecordHasher.create();
  const sample: unknown[] = [];
  let ended = false;
  try {
    for await (const item of source as AsyncIterable<T>) {
      await hasher.add(item);
      if (sample.length < 100) sample.push(item);
      yield item;
    }
    ended = true;
  } catch (e) {
    ended = true;
    await endQuietly(run, e, false);
    throw e;
  } finally {
    // Reached without `ended` only when the consumer stopped early (break, return, throw).
    if (!ended) await endQuietly(run, new Error(`the consumer stopped after ${hasher.rows} item${hasher.rows === 1 ? '' : 's'}`), true);
  }
  const { output } = options;
  const schema = output.schema ? [...output.schema] : inferSchema(sample);
  await run.complete({
    outputs: [
      {
        kind: 'dataset',
        name: output.name,
        hash: hasher.digest(),
        rowCount: hasher.rows,
        ...(schema ? { schema } : {}),
        ...(output.source !== undefined ? { source: output.source } : {}),
        ...(output.description !== undefined ? { description: output.description } : {}),
      },
    ],
  });
}

async function endQuietly(run: RunHandle, error: unknown, aborted: boolean): Promise<void> {
  try {
    await run.fail(error, { aborted });
  } catch (e) {
    // The original error matters more; this one only means the failure could not be logged.
    console.warn(`recordStep: could not record the end of run ${run.id}: ${errorMessage(e)}`);
  }
}

// Dataset pipeline overhead: batches/s of an identity @tessera/preprocess pipeline against the
// plain array loop a user would write instead, alternating (measure.mjs). Two variants: batches
// of records (arrays), and batches turned into tensors (`toTensors()` against `tf.tensor2d` of
// the same rows), which is what a training loop consumes.
import { tf } from '@tessera/backend';
import { fromArray } from '@tessera/preprocess';
import { timed } from './measure.mjs';

const BATCH = 64;

function rows(n, width) {
  return Array.from({ length: n }, (_, i) => Float32Array.from({ length: width }, (_, j) => ((i * 31 + j) % 97) / 97));
}

/** Sides for the alternating measurement; `tensors` makes each batch a [64, width] tensor. */
export function pipelineSides({ tensors, batches }) {
  const width = tensors ? 784 : 32;
  const items = rows(batches * BATCH, width);
  const count = batches;
  const identity = (x) => x;
  // A step is one pass over all `count` batches; `prepare` sets passes per round.
  const side = (name, pass) => {
    let passes = 1;
    return {
      name,
      warmup: async () => {
        await pass();
        return timed(pass);
      },
      prepare: async (steps) => {
        passes = steps;
      },
      run: () =>
        timed(async () => {
          for (let i = 0; i < passes; i++) await pass();
        }),
    };
  };
  async function tesseraPass() {
    let ds = fromArray(items).map(identity).batch(BATCH);
    if (tensors) ds = ds.toTensors();
    let seen = 0;
    for await (const b of ds) {
      if (tensors) b.dispose();
      seen++;
    }
    if (seen !== count) throw new Error(`pipeline: ${seen} batches, expected ${count}`);
  }
  function plainPass() {
    let seen = 0;
    for (let i = 0; i < items.length; i += BATCH) {
      const b = [];
      for (let j = i; j < Math.min(items.length, i + BATCH); j++) b.push(identity(items[j]));
      if (tensors) {
        // What toTensors does by hand: rows copied into one buffer, one tensor per batch.
        const flat = new Float32Array(b.length * width);
        b.forEach((r, k) => flat.set(r, k * width));
        tf.tensor2d(flat, [b.length, width]).dispose();
      }
      seen++;
    }
    if (seen !== count) throw new Error(`plain loop: ${seen} batches, expected ${count}`);
  }
  // Rates come back in passes/s; the caller multiplies by `perStep` batches.
  return { sides: [side('tessera', tesseraPass), side('plain-loop', plainPass)], perStep: count };
}

/**
 * Test-only models implementing the trainer's Model interface with plain tf ops, so the trainer
 * is tested on its own: an MLP and a bias-free linear layer (the seed CNN comes from
 * @tessera/models in the acceptance tests).
 */
import { tf, Rng } from '@tessera/backend';
import type { Model, NamedTensor } from '../../src/index.js';

function glorot(rng: Rng, shape: number[], fanIn: number, fanOut: number): tf.Tensor {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(rng.fillUniform(new Float32Array(size), -limit, limit), shape);
}

/** Base: named variables, getWeights clones, setWeights by name or order. */
abstract class TestModel implements Model {
  abstract readonly name: string;
  protected vars: { name: string; v: tf.Variable }[] = [];

  protected add(name: string, init: tf.Tensor): tf.Variable {
    const v = tf.variable(init, true);
    init.dispose();
    this.vars.push({ name, v });
    return v;
  }

  abstract apply(x: tf.Tensor | tf.Tensor[], options?: { training?: boolean }): tf.Tensor;

  get trainableVariables(): tf.Variable[] {
    return this.vars.map((e) => e.v);
  }

  get nonTrainableVariables(): tf.Variable[] {
    return [];
  }

  getWeights(): NamedTensor[] {
    return this.vars.map((e) => ({ name: e.name, tensor: tf.clone(e.v) }));
  }

  setWeights(weights: NamedTensor[] | tf.Tensor[]): void {
    if (weights.length !== this.vars.length) throw new Error(`setWeights: expected ${this.vars.length} tensors, got ${weights.length}`);
    weights.forEach((w, i) => {
      const named = 'tensor' in w && 'name' in w;
      const entry = named ? this.vars.find((e) => e.name === (w as NamedTensor).name) : this.vars[i];
      if (!entry) throw new Error(`setWeights: unknown weight ${(w as NamedTensor).name}`);
      const t = named ? (w as NamedTensor).tensor : (w as tf.Tensor);
      if (t.shape.join() !== entry.v.shape.join()) throw new Error(`setWeights: shape mismatch for ${entry.name}`);
      entry.v.assign(t);
    });
  }

  dispose(): void {
    for (const e of this.vars) e.v.dispose();
    this.vars = [];
  }
}

/** Dense layers with ReLU between them; logits out. */
export class TestMLP extends TestModel {
  readonly name = 'test-mlp';
  private readonly layers: { w: tf.Variable; b: tf.Variable }[] = [];

  constructor(sizes: number[], seed = 0) {
    super();
    const rng = new Rng(seed);
    for (let i = 0; i + 1 < sizes.length; i++) {
      const a = sizes[i] as number;
      const b = sizes[i + 1] as number;
      const w = this.add(`dense_${i}/kernel`, glorot(rng, [a, b], a, b));
      const bias = this.add(`dense_${i}/bias`, tf.zeros([b]));
      this.layers.push({ w, b: bias });
    }
  }

  apply(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let h = x as tf.Tensor;
      this.layers.forEach((l, i) => {
        h = tf.add(tf.matMul(h, l.w), l.b);
        if (i < this.layers.length - 1) h = tf.relu(h);
      });
      return h;
    });
  }
}

/** A single linear layer without bias (for exact reference checks). */
export class TestLinear extends TestModel {
  readonly name = 'test-linear';
  readonly w: tf.Variable;

  constructor(init: number[][]) {
    super();
    this.w = this.add('linear/kernel', tf.tensor2d(init));
  }

  apply(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.matMul(x as tf.Tensor, this.w);
  }
}

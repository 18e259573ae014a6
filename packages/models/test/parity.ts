/**
 * Compares a Tessera layer or model with its tfjs-layers twin on the same weights and input.
 * tfjs-layers loads its own copy of tfjs-core, but the engine and kernel registries are
 * process-wide globals, so both run on the backend @tessera/backend activated.
 */
import { tf } from '@tessera/backend';
import { expect } from 'vitest';
import type { Layer, Model } from '../src/index.js';

/** The parts of a tfjs-layers Layer used here (test files import tfjs-layers themselves; lint allows it only there). */
export interface PeerLayer {
  apply(x: never, kwargs?: never): unknown;
  readonly weights: { shape: readonly (number | null)[] }[];
  setWeights(weights: never[]): void;
  dispose(): unknown;
}

/** The parts of a tfjs-layers LayersModel used here. */
export interface PeerModel {
  readonly weights: { shape: readonly (number | null)[] }[];
  setWeights(weights: never[]): void;
  predict(x: never): unknown;
}

/** Max |a - b| over two tensors of the same shape. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect([...a.shape]).toEqual([...b.shape]);
  const x = a.dataSync();
  const y = b.dataSync();
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

/**
 * Builds a one-layer tfjs-layers model around `peer`, copies `ours`' weights into it, and
 * checks both give the same output for `x` within `tol`. Returns the max difference.
 */
export function layerParity(ours: Layer, peer: PeerLayer, x: tf.Tensor, tol = 1e-5): number {
  // Applying a tfjs-layers layer to a concrete tensor builds it and runs it eagerly.
  tf.dispose(peer.apply(x as never) as never);
  if (!ours.built) ours.build([...x.shape.slice(1)]);
  const ws = ours.weights();
  expect(peer.weights.map((w) => [...w.shape])).toEqual(ws.map((w) => [...w.variable.shape]));
  peer.setWeights(ws.map((w) => w.variable as never));
  const a = ours.apply(x);
  const b = peer.apply(x as never) as unknown as tf.Tensor;
  expectOnActiveBackend(b);
  const d = maxAbsDiff(a, b);
  tf.dispose([a, b]);
  peer.dispose();
  expect(d).toBeLessThanOrEqual(tol);
  return d;
}

/** Checks that a tensor (made by tfjs-layers' copy of tfjs-core) lives on the backend @tessera/backend activated. */
export function expectOnActiveBackend(t: tf.Tensor): void {
  const engine = tf.engine() as unknown as {
    backend: unknown;
    state: { tensorInfo: WeakMap<object, { backend: unknown }> };
  };
  expect(engine.state.tensorInfo.get(t.dataId)?.backend).toBe(engine.backend);
}

/** Same for whole models: copies `ours.getWeights()` into `peer` in order. */
export function modelParity(ours: Model, peer: PeerModel, x: tf.Tensor, tol = 1e-5): number {
  const ws = ours.getWeights();
  expect(peer.weights.map((w) => [...w.shape])).toEqual(ws.map((w) => [...w.tensor.shape]));
  peer.setWeights(ws.map((w) => w.tensor as never));
  tf.dispose(ws.map((w) => w.tensor));
  const a = ours.apply(x);
  const b = peer.predict(x as never) as unknown as tf.Tensor;
  expectOnActiveBackend(b);
  const d = maxAbsDiff(a, b);
  tf.dispose([a, b]);
  expect(d).toBeLessThanOrEqual(tol);
  return d;
}

import { describe, expect, it } from 'vitest';
import { availableBackends, tf, useBackend } from '@tessera/backend';

describe('useBackend in Node', () => {
  it('lists wasm then cpu as available', () => {
    expect(availableBackends()).toEqual(['wasm', 'cpu']);
  });

  it("'auto' picks wasm with SIMD and reports single-threaded Node", async () => {
    const info = await useBackend('auto');
    expect(info).toMatchObject({ name: 'wasm', requested: 'auto', platform: 'node', simd: true, threads: 1 });
    expect(info.fellBack).toEqual([]);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('switches to cpu and back, computing the same result on both', async () => {
    const run = () => tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect((await useBackend('cpu')).name).toBe('cpu');
    const onCpu = run();
    expect((await useBackend('wasm')).name).toBe('wasm');
    expect(run()).toBe(onCpu);
    expect(onCpu).toBe(11);
  });

  it('explains a backend that cannot run here and lists what can', async () => {
    await expect(useBackend('webgl')).rejects.toThrow(
      /could not start "webgl" \(webgl: webgl needs a browser.*Available in this node build: wasm, cpu/,
    );
    await expect(useBackend('webgpu')).rejects.toThrow(/Available in this node build: wasm, cpu/);
  });

  it('falls back when asked to, and says what fell back and why', async () => {
    const info = await useBackend('webgl', { fallback: true });
    expect(info.name).toBe('wasm');
    expect(info.fellBack).toEqual([{ name: 'webgl', reason: expect.stringMatching(/needs a browser/) }]);
  });

  it('notes a thread request that Node cannot honour', async () => {
    const info = await useBackend('wasm', { threads: 4 });
    expect(info.threads).toBe(1);
    expect(info.notes.join(' ')).toMatch(/threads: 4 was asked and 1 run: tfjs-backend-wasm runs single-threaded in Node/);
  });

  it('rejects unknown names and bad options with the argument named', async () => {
    await expect(useBackend('tpu' as never)).rejects.toThrow(
      /useBackend: name must be 'auto' or one of 'cpu', 'wasm', 'webgl', 'webgpu'; got "tpu"/,
    );
    await expect(useBackend('cpu', { threads: 0 })).rejects.toThrow(/options.threads must be an integer >= 1; got 0/);
  });

  it('computes gradients (tfjs-core gradients are registered by the bundle)', async () => {
    for (const name of ['cpu', 'wasm'] as const) {
      await useBackend(name);
      const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.mean(tf.square(x)))(tf.tensor1d([1, 2, 3])).arraySync());
      expect(g).toEqual([2 / 3, 4 / 3, 2].map((v) => expect.closeTo(v, 6)));
    }
  });
});

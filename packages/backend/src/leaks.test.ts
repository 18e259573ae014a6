import { describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';

describe('expectNoLeaks', () => {
  it('passes a call that disposes what it makes and returns its result', async () => {
    await useBackend('cpu');
    const out = await expectNoLeaks(() => tf.tidy(() => tf.sum(tf.ones([3])).dataSync()[0]));
    expect(out).toBe(3);
  });

  it('fails a call that leaks, naming the label and the count', async () => {
    await useBackend('cpu');
    let leaked: tf.Tensor | undefined;
    await expect(
      expectNoLeaks(
        () => {
          leaked = tf.ones([2]);
        },
        { label: 'leaky' },
      ),
    ).rejects.toThrow(/leaky: expected 0 new live tensor\(s\) after the call, found 1/);
    leaked?.dispose();
  });

  it('allows a declared number of returned tensors', async () => {
    await useBackend('cpu');
    const t = await expectNoLeaks(async () => tf.zeros([1]), { allow: 1 });
    t.dispose();
  });
});

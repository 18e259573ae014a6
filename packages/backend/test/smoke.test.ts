import { describe, expect, it } from 'vitest';
import { tf, useBackend } from '@tessera/backend';

describe('self reference', () => {
  it('loads', async () => {
    const info = await useBackend('cpu');
    expect(info.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});

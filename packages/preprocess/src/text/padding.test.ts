import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeaks, tf, useBackend } from '@tessera/backend';
import { encodedBatchToTensors, padSequences, unpadSequences } from './padding.js';

describe('padSequences', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });
  const seqs = [[5, 6, 7, 8], [9], [10, 11]];

  it('pads to the longest on the right with a mask, and unpads back', () => {
    const b = padSequences(seqs, 0);
    expect(b.shape).toEqual([3, 4]);
    expect(Array.from(b.inputIds)).toEqual([5, 6, 7, 8, 9, 0, 0, 0, 10, 11, 0, 0]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
    expect(Array.from(b.lengths)).toEqual([4, 1, 2]);
    expect(unpadSequences(b)).toEqual(seqs);
  });

  it('pads to maxLength, on either side, truncating (and counting) only when asked', () => {
    const b = padSequences(seqs, -1, { padding: 'max_length', maxLength: 3, truncation: true, paddingSide: 'left', truncationSide: 'left' });
    expect(b.shape).toEqual([3, 3]);
    expect(Array.from(b.inputIds)).toEqual([6, 7, 8, -1, -1, 9, -1, 10, 11]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 0, 0, 1, 0, 1, 1]);
    expect(b.truncated).toBe(1);
    expect(unpadSequences(padSequences(seqs, 0, { maxLength: 2, truncation: true }))).toEqual([[5, 6], [9], [10, 11]]);
    expect(() => padSequences(seqs, 0, { padding: 'max_length', maxLength: 3 })).toThrow(
      'padSequences: sequences[0] has 4 tokens, more than maxLength 3; pass truncation: true to cut it',
    );
    expect(() => padSequences(seqs, 0, { truncation: true })).toThrow('padSequences: options.maxLength is required with truncation');
  });

  it('becomes int32 tensors without leaks', async () => {
    await expectNoLeaks(() => {
      const { inputIds, attentionMask } = encodedBatchToTensors(padSequences(seqs, 0));
      expect(inputIds.shape).toEqual([3, 4]);
      expect(inputIds.dtype).toBe('int32');
      expect(Array.from(attentionMask.dataSync())).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0]);
      tf.dispose([inputIds, attentionMask]);
    });
  });
});

/**
 * The two zoo classifiers the app compares, sized for a few thousand e-mails on 2 CPU cores:
 * an LSTM that reads the tokens in order, and a one-block Transformer encoder that attends over
 * all of them at once. Both treat token id 0 as padding.
 */
import { rnn, transformer, type Sequential } from '@tessera/models';
import type { ModelKind } from './options.js';

/** The architecture settings recorded in lineage and the run's metrics. */
export function architecture(kind: ModelKind, vocabSize: number, maxLen: number): Record<string, number | string> {
  return kind === 'lstm'
    ? { zoo: 'rnn', cell: 'lstm', vocabSize, embedDim: 32, units: 32, maxLen }
    : { zoo: 'transformer', vocabSize, maxLen, dModel: 32, heads: 2, layers: 1, ffDim: 64, dropout: 0.1 };
}

/**
 * Builds one classifier (two classes: ham, spam) with seeded initial weights.
 *
 * @example
 * ```ts
 * const model = buildModel('lstm', 8000, 96, 42);
 * model.countParams();
 * ```
 */
export function buildModel(kind: ModelKind, vocabSize: number, maxLen: number, seed: number, name = `spam-${kind}`): Sequential {
  if (kind === 'lstm') {
    return rnn({ vocabSize, embedDim: 32, cell: 'lstm', units: 32, numClasses: 2, maskZero: true, maxLen, seed, name });
  }
  return transformer({ vocabSize, maxLen, dModel: 32, heads: 2, layers: 1, ffDim: 64, numClasses: 2, dropout: 0.1, maskZero: true, seed, name });
}

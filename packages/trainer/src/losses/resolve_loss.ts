/** Loss lookup by name, for configs written as JSON. */
import { fail, show } from '../internal/errors.js';
import { binaryCrossEntropy } from './binary_cross_entropy.js';
import { huber } from './huber.js';
import type { Loss } from './loss.js';
import { meanSquaredError } from './mean_squared_error.js';
import { softmaxCrossEntropy } from './softmax_cross_entropy.js';

/**
 * Names `fit` accepts in place of a {@link Loss} object (defaults of each loss).
 *
 * @example
 * ```ts
 * const name: LossName = 'softmaxCrossEntropy';
 * ```
 */
export type LossName = 'softmaxCrossEntropy' | 'binaryCrossEntropy' | 'meanSquaredError' | 'huber';

/**
 * A loss object from a {@link Loss} or a {@link LossName}.
 *
 * @example
 * ```ts
 * resolveLoss('huber').name; // 'huber'
 * ```
 */
export function resolveLoss(loss: Loss | LossName, fn = 'resolveLoss', arg = 'loss'): Loss {
  if (typeof loss === 'string') {
    switch (loss) {
      case 'softmaxCrossEntropy':
        return softmaxCrossEntropy();
      case 'binaryCrossEntropy':
        return binaryCrossEntropy();
      case 'meanSquaredError':
        return meanSquaredError();
      case 'huber':
        return huber();
    }
  }
  if (typeof loss === 'object' && loss !== null && typeof loss.compute === 'function' && typeof loss.name === 'string') return loss;
  return fail(fn, arg, "be a Loss or one of 'softmaxCrossEntropy', 'binaryCrossEntropy', 'meanSquaredError', 'huber'", show(loss));
}

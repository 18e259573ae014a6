/** Measuring sparsity: the share of exact zeros in a model's weights. */
import type { Model } from '@tessera/models';
import { checkModel } from '../compressed_model.js';
import { checkOptions } from '../internal/errors.js';
import { describeWeights, selectWeights, type SelectionOptions } from '../select_weights.js';
import type { SparsityReport } from './prune_low_magnitude.js';

/**
 * Exact zeros per weight and overall, over the kernels (float weights of rank >= 2) unless
 * `include`/`exclude` say otherwise; `all: true` counts every weight.
 *
 * @example
 * ```ts
 * measureSparsity(model).overall; // 0.8 after 80% pruning
 * measureSparsity(model, { all: true }).overall; // lower: biases are not pruned
 * ```
 */
export function measureSparsity(model: Model, options: SelectionOptions & { all?: boolean } = {}): SparsityReport {
  const fn = 'measureSparsity';
  checkModel(fn, model);
  const o = checkOptions(fn, 'options', options);
  const picked = selectWeights(fn, describeWeights(model), o, (w) => o.all === true || w.shape.length >= 2);
  const perWeight: Record<string, number> = {};
  let zeros = 0;
  let total = 0;
  const ws = model.getWeights();
  try {
    for (const w of ws) {
      if (!picked.has(w.name)) continue;
      const v = w.tensor.dataSync();
      let z = 0;
      for (let i = 0; i < v.length; i++) if (v[i] === 0) z++;
      perWeight[w.name] = v.length === 0 ? 0 : z / v.length;
      zeros += z;
      total += v.length;
    }
  } finally {
    for (const w of ws) w.tensor.dispose();
  }
  return { overall: total === 0 ? 0 : zeros / total, perWeight, zeros, total };
}

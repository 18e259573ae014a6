/** A smaller student with the teacher's architecture: fewer filters and units, fresh weights. */
import { Rng } from '@tessera/backend';
import { fromConfig, type LayerJson, type Sequential } from '@tessera/models';
import { checkNumber, checkOptions } from './internal/errors.js';
import { checkSequential } from './quantize/calibrate.js';

/**
 * Options of {@link shrinkModel}.
 *
 * @example
 * ```ts
 * const o: ShrinkOptions = { widthMultiplier: 0.5, seed: 7 };
 * ```
 */
export interface ShrinkOptions {
  /** Factor on filters (Conv2D) and units (Dense, recurrent layers), in (0, 1]. */
  widthMultiplier: number;
  /** Seed of the new weights (each layer gets its own, drawn from it). Default 0. */
  seed?: number;
  /** Default `<teacher name>-student`. */
  name?: string;
}

/**
 * The same stack of layers with `filters` and `units` scaled by `widthMultiplier` (at least 1),
 * except the output layer, freshly initialized: a student for {@link distill}.
 *
 * @example
 * ```ts
 * const student = shrinkModel(teacher, { widthMultiplier: 0.5, seed: 1 });
 * student.countParams() < teacher.countParams(); // true
 * ```
 */
export function shrinkModel(model: Sequential, options: ShrinkOptions): Sequential {
  const fn = 'shrinkModel';
  checkSequential(fn, model);
  const o = checkOptions(fn, 'options', options);
  const k = checkNumber(fn, 'options.widthMultiplier', o.widthMultiplier, { min: 0, max: 1, exclusiveMin: true });
  const rng = new Rng(checkNumber(fn, 'options.seed', o.seed ?? 0, { integer: true }));
  const config = model.toConfig();
  const sized = (l: LayerJson): boolean => typeof l.config.filters === 'number' || typeof l.config.units === 'number';
  let last = -1;
  config.layers.forEach((l, i) => {
    if (sized(l)) last = i;
  });
  const layers = config.layers.map((l, i) => {
    const c: Record<string, unknown> = { ...l.config, seed: rng.nextSeed() };
    if (i !== last) {
      for (const key of ['filters', 'units'] as const) {
        if (typeof c[key] === 'number') c[key] = Math.max(1, Math.round((c[key] as number) * k));
      }
    }
    return { className: l.className, config: c };
  });
  return fromConfig({ ...config, name: o.name ?? `${config.name}-student`, layers });
}

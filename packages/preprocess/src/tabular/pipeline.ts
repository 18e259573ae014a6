import { describe } from '../random_source.js';
import { transformerFromJSON } from './registry.js';
import { checkJSON, notFitted, type Cell, type Table, type TableTransformer, type TransformerJSON } from './transformer.js';

/**
 * Transformers applied in sequence (scikit-learn's Pipeline without a final estimator):
 * fit fits each step on the previous step's output; `inverseTransform` runs the steps
 * backwards when every step has one.
 *
 * @example
 * ```ts
 * const p = new Pipeline([new SimpleImputer({ strategy: 'median' }), new StandardScaler()]);
 * const Z = p.fitTransform([[1], [NaN], [3]]); // imputes 2, then standardizes
 * ```
 */
export class Pipeline implements TableTransformer {
  readonly steps: readonly TableTransformer[];

  constructor(steps: readonly TableTransformer[]) {
    if (!Array.isArray(steps) || steps.length === 0) throw new Error(`Pipeline: steps must be a non-empty array of transformers; got ${describe(steps)}`);
    steps.forEach((s, i) => {
      if (s === null || typeof s !== 'object' || typeof s.fit !== 'function' || typeof s.transform !== 'function') {
        throw new Error(`Pipeline: steps[${i}] must be a transformer (fit/transform); got ${describe(s)}`);
      }
    });
    this.steps = [...steps];
  }

  get fitted(): boolean {
    return this.steps.every((s) => s.fitted);
  }

  /** Fits every step in turn. */
  fit(X: Table, featureNames?: readonly string[]): this {
    this.fitTransform(X, featureNames);
    return this;
  }

  /** Fits every step, returning the last step's output. */
  fitTransform(X: Table, featureNames?: readonly string[]): Cell[][] {
    let cur: Table = X;
    let names = featureNames;
    for (const step of this.steps) {
      const next = step.fitTransform(cur, names);
      if (names !== undefined) names = step.featureNamesOut(names);
      cur = next;
    }
    return cur as Cell[][];
  }

  /** Runs every step's transform. */
  transform(X: Table): Cell[][] {
    if (!this.fitted) throw notFitted('Pipeline.transform');
    let cur: Table = X;
    for (const step of this.steps) cur = step.transform(cur);
    return cur as Cell[][];
  }

  /** Runs the inverses backwards; every step must have one. */
  inverseTransform(X: Table): Cell[][] {
    const where = 'Pipeline.inverseTransform';
    if (!this.fitted) throw notFitted(where);
    let cur: Table = X;
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i] as TableTransformer;
      if (typeof step.inverseTransform !== 'function') {
        throw new Error(`${where}: steps[${i}] (${step.toJSON().type}) has no inverseTransform`);
      }
      cur = step.inverseTransform(cur);
    }
    return cur as Cell[][];
  }

  /** The last step's output names. */
  featureNamesOut(inputNames?: readonly string[]): string[] {
    let names: readonly string[] | undefined = inputNames;
    for (const step of this.steps) names = step.featureNamesOut(names);
    return [...(names ?? [])];
  }

  /** Every step's JSON. */
  toJSON(): TransformerJSON {
    return { type: 'Pipeline', version: 1, steps: this.steps.map((s) => s.toJSON()) };
  }

  /**
   * Restores a pipeline saved with `toJSON`.
   *
   * @example
   * ```ts
   * const again = Pipeline.fromJSON(JSON.parse(saved));
   * ```
   */
  static fromJSON(json: unknown): Pipeline {
    const j = checkJSON(json, 'Pipeline');
    if (!Array.isArray(j.steps)) throw new Error('Pipeline.fromJSON: json.steps must be an array');
    return new Pipeline(j.steps.map((s) => transformerFromJSON(s)));
  }
}

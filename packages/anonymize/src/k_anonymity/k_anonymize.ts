import { checkInteger, checkRange, describe } from '../internal/describe.js';
import { SUPPRESSED, type Hierarchy } from './hierarchies/hierarchy.js';
import { informationLoss, type InformationLossReport } from './information_loss.js';
import { tClosenessMeter, type TClosenessDistance } from './t_closeness.js';

/**
 * Options of {@link kAnonymize}: the privacy models (k-anonymity, optionally distinct
 * l-diversity and t-closeness on one sensitive attribute each) and the search limits.
 *
 * @example
 * const opts: KAnonymizeOptions = {
 *   quasiIdentifiers: { age: numericRangeHierarchy({ widths: [5, 10, 20] }), zip: prefixMaskHierarchy({ maxMasked: 5 }) },
 *   k: 5,
 *   suppressionLimit: 0.05,
 *   lDiversity: { sensitive: 'diagnosis', l: 2 },
 * };
 */
export interface KAnonymizeOptions {
  /** A hierarchy per quasi-identifier field. Other fields are copied unchanged. */
  quasiIdentifiers: Readonly<Record<string, Hierarchy>>;
  /** Minimum equivalence-class size. */
  k: number;
  /** Largest fraction of rows that may be suppressed (ARX's suppression limit); default 0. */
  suppressionLimit?: number;
  /** Distinct l-diversity of a sensitive field. */
  lDiversity?: { sensitive: string; l: number };
  /** t-closeness of a sensitive field (`equal` distance by default, `ordered` for numbers). */
  tCloseness?: { sensitive: string; t: number; distance?: TClosenessDistance };
  /** `mask` (default, as ARX): suppressed rows keep their other fields with `*` quasi-identifiers; `drop`: removed. */
  suppressed?: 'mask' | 'drop';
  /** Refuse lattices larger than this (default 100,000 generalization combinations). */
  maxLatticeNodes?: number;
}

/**
 * Output of {@link kAnonymize}.
 *
 * @example
 * const { rows, levels, informationLoss } = kAnonymize(table, opts);
 */
export interface KAnonymizeResult<T> {
  rows: T[];
  /** Generalization level chosen per quasi-identifier. */
  levels: Record<string, number>;
  suppressedRows: number;
  equivalenceClasses: number;
  minClassSize: number;
  informationLoss: InformationLossReport;
  /** Lattice nodes evaluated before the optimum was proven. */
  nodesEvaluated: number;
}

/**
 * Optimal full-domain generalization with record suppression (ARX's model): searches the lattice
 * of per-attribute generalization levels for the node of least information loss (generalization
 * loss, ties broken by discernibility) at which every equivalence class that is kept has at least
 * `k` rows and satisfies the optional l-diversity and t-closeness constraints, and the rows of the
 * classes that do not are at most `suppressionLimit` of the table. The search visits nodes in
 * order of their generalization loss and stops once no unvisited node can be better, so it is
 * exact. Needs the whole table (k-anonymity is a property of the table, not of a row).
 *
 * @example
 * const table = [
 *   { age: 34, zip: '81675', diagnosis: 'flu' }, { age: 36, zip: '81677', diagnosis: 'cold' },
 *   { age: 33, zip: '81679', diagnosis: 'flu' }, { age: 52, zip: '81241', diagnosis: 'asthma' },
 *   { age: 55, zip: '81245', diagnosis: 'flu' }, { age: 58, zip: '81249', diagnosis: 'cold' },
 * ];
 * const result = kAnonymize(table, {
 *   quasiIdentifiers: { age: numericRangeHierarchy({ widths: [10, 20] }), zip: prefixMaskHierarchy({ maxMasked: 5 }) },
 *   k: 3,
 * });
 * result.rows[0]; // { age: '[30, 40)', zip: '816**', diagnosis: 'flu' }
 */
export function kAnonymize<T extends Record<string, unknown>>(rows: readonly T[], options: KAnonymizeOptions): KAnonymizeResult<T> {
  if (!Array.isArray(rows)) throw new Error(`kAnonymize: rows must be an array of objects, got ${describe(rows)}`);
  if (!options || typeof options !== 'object') throw new Error(`kAnonymize: options must be an object, got ${describe(options)}`);
  const hierarchies = options.quasiIdentifiers;
  if (!hierarchies || typeof hierarchies !== 'object' || Object.keys(hierarchies).length === 0) {
    throw new Error(`kAnonymize: quasiIdentifiers must map at least one field to a hierarchy, got ${describe(hierarchies)}`);
  }
  const k = checkInteger('kAnonymize: k', options.k, 1);
  const limit = checkRange('kAnonymize: suppressionLimit', options.suppressionLimit ?? 0, 0, 1);
  const mode = options.suppressed ?? 'mask';
  if (mode !== 'mask' && mode !== 'drop') throw new Error(`kAnonymize: suppressed must be 'mask' or 'drop', got ${describe(mode)}`);
  const maxNodes = checkInteger('kAnonymize: maxLatticeNodes', options.maxLatticeNodes ?? 100_000, 1);
  const fields = Object.keys(hierarchies);
  for (const f of fields) {
    const h = hierarchies[f];
    if (!h || typeof h.generalize !== 'function' || !Number.isInteger(h.levels) || h.levels < 1) {
      throw new Error(`kAnonymize: quasiIdentifiers.${f} must be a hierarchy (numericRangeHierarchy(), ...), got ${describe(h)}`);
    }
  }
  const ld = options.lDiversity;
  if (ld !== undefined) {
    if (!ld || typeof ld.sensitive !== 'string') throw new Error(`kAnonymize: lDiversity.sensitive must be a field name, got ${describe(ld?.sensitive)}`);
    checkInteger('kAnonymize: lDiversity.l', ld.l, 1);
    if (fields.includes(ld.sensitive)) throw new Error(`kAnonymize: lDiversity.sensitive '${ld.sensitive}' is also a quasi-identifier`);
  }
  const tc = options.tCloseness;
  if (tc !== undefined) {
    if (!tc || typeof tc.sensitive !== 'string') throw new Error(`kAnonymize: tCloseness.sensitive must be a field name, got ${describe(tc?.sensitive)}`);
    checkRange('kAnonymize: tCloseness.t', tc.t, 0, 1);
    if (fields.includes(tc.sensitive)) throw new Error(`kAnonymize: tCloseness.sensitive '${tc.sensitive}' is also a quasi-identifier`);
  }
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') throw new Error(`kAnonymize: rows[${i}] must be an object, got ${describe(r)}`);
  });
  const n = rows.length;
  const heights = fields.map((f) => hierarchies[f]!.levels);
  const latticeSize = heights.reduce((a, h) => a * (h + 1), 1);
  if (latticeSize > maxNodes) {
    throw new Error(`kAnonymize: the generalization lattice has ${latticeSize} nodes, more than maxLatticeNodes ${maxNodes}; use fewer quasi-identifiers or shorter hierarchies`);
  }

  // Generalized values as small integer codes, computed lazily per (field, level).
  const codes: Int32Array[][] = fields.map(() => []);
  const labels: string[][][] = fields.map(() => []);
  const column = (fi: number, level: number): Int32Array => {
    const cached = codes[fi]![level];
    if (cached) return cached;
    const field = fields[fi]!;
    const h = hierarchies[field]!;
    const ids = new Map<string, number>();
    const names: string[] = [];
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let g: string;
      try {
        g = h.generalize(rows[i]![field], level);
      } catch (e) {
        throw new Error(`kAnonymize: field '${field}' of rows[${i}]: ${(e as Error).message}`, { cause: e });
      }
      let id = ids.get(g);
      if (id === undefined) {
        id = names.length;
        ids.set(g, id);
        names.push(g);
      }
      out[i] = id;
    }
    codes[fi]![level] = out;
    labels[fi]![level] = names;
    return out;
  };

  const sensitiveL = ld ? rows.map((r) => String(r[ld.sensitive])) : undefined;
  const meter = tc ? tClosenessMeter(rows.map((r) => r[tc.sensitive]), tc.distance ?? 'equal') : undefined;

  const evaluateNode = (node: readonly number[]): { groups: number[][]; keep: boolean[] } => {
    const cols = node.map((lvl, fi) => column(fi, lvl));
    const byKey = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      let key = '';
      for (let c = 0; c < cols.length; c++) key += cols[c]![i] + ',';
      const g = byKey.get(key);
      if (g) g.push(i);
      else byKey.set(key, [i]);
    }
    const groups = [...byKey.values()];
    const keep = groups.map((g) => {
      if (g.length < k) return false;
      if (ld && new Set(g.map((i) => sensitiveL![i])).size < ld.l) return false;
      if (tc && meter!(g.map((i) => rows[i]![tc.sensitive])) > tc.t + 1e-12) return false;
      return true;
    });
    return { groups, keep };
  };

  // Every node of the lattice with its generalization loss, a lower bound of its total loss.
  const nodes: { levels: number[]; gen: number }[] = [];
  const walk = (prefix: number[]): void => {
    if (prefix.length === fields.length) {
      const gen = prefix.reduce((a, l, i) => a + l / heights[i]!, 0) / fields.length;
      nodes.push({ levels: [...prefix], gen });
      return;
    }
    for (let l = 0; l <= heights[prefix.length]!; l++) walk([...prefix, l]);
  };
  walk([]);
  nodes.sort((a, b) => a.gen - b.gen || a.levels.reduce((x, y) => x + y, 0) - b.levels.reduce((x, y) => x + y, 0));

  const maxSuppressed = Math.floor(limit * n + 1e-9);
  let best: { levels: number[]; loss: number; disc: number; groups: number[][]; keep: boolean[] } | undefined;
  let evaluated = 0;
  for (const node of nodes) {
    if (best && node.gen > best.loss + 1e-12) break;
    evaluated++;
    const { groups, keep } = evaluateNode(node.levels);
    let suppressed = 0;
    let disc = 0;
    groups.forEach((g, i) => {
      if (keep[i]) disc += g.length * g.length;
      else suppressed += g.length;
    });
    if (suppressed > maxSuppressed) continue;
    disc += suppressed * n;
    const loss = n === 0 ? node.gen : ((n - suppressed) * node.gen + suppressed) / n;
    if (!best || loss < best.loss - 1e-12 || (Math.abs(loss - best.loss) <= 1e-12 && disc < best.disc)) {
      best = { levels: node.levels, loss, disc, groups, keep };
    }
  }
  if (!best) {
    throw new Error(
      `kAnonymize: no generalization satisfies k=${k}${ld ? `, l=${ld.l}` : ''}${tc ? `, t=${tc.t}` : ''} with at most ${maxSuppressed} of ${n} rows suppressed (suppressionLimit ${limit}); raise suppressionLimit or relax the models`,
    );
  }

  const suppressedRow = new Uint8Array(n);
  best.groups.forEach((g, i) => {
    if (!best!.keep[i]) for (const r of g) suppressedRow[r] = 1;
  });
  const chosen = best.levels.map((lvl, fi) => ({ col: column(fi, lvl), names: labels[fi]![lvl]! }));
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    if (suppressedRow[i] && mode === 'drop') continue;
    const copy: Record<string, unknown> = { ...rows[i]! };
    fields.forEach((f, fi) => {
      copy[f] = suppressedRow[i] ? SUPPRESSED : chosen[fi]!.names[chosen[fi]!.col[i]!]!;
    });
    out.push(copy as T);
  }
  const keptSizes = best.groups.filter((_, i) => best!.keep[i]).map((g) => g.length);
  const levels: Record<string, number> = {};
  const heightByField: Record<string, number> = {};
  fields.forEach((f, fi) => {
    levels[f] = best!.levels[fi]!;
    heightByField[f] = heights[fi]!;
  });
  return {
    rows: out,
    levels,
    suppressedRows: n - keptSizes.reduce((a, b) => a + b, 0),
    equivalenceClasses: keptSizes.length,
    minClassSize: keptSizes.length === 0 ? 0 : keptSizes.reduce((a, b) => Math.min(a, b)),
    informationLoss: informationLoss(levels, heightByField, n, keptSizes, k),
    nodesEvaluated: evaluated,
  };
}

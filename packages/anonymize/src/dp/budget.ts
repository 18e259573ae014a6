import { checkPositive, describe } from '../internal/describe.js';

/**
 * One spending recorded by a {@link PrivacyBudget}.
 *
 * @example
 * const e: BudgetEntry = { label: 'count of patients', epsilon: 0.1, delta: 0 };
 */
export interface BudgetEntry {
  label: string;
  epsilon: number;
  delta: number;
}

// Relative slack so that spending a budget in ten steps of 0.1 is not refused by rounding.
const SLACK = 1e-9;

/**
 * A privacy budget accountant under basic sequential composition: the epsilons and deltas of
 * all releases add up, and a release that would exceed the total is refused before any noise is
 * drawn. The ledger records labels and amounts, never data.
 *
 * @example
 * const budget = new PrivacyBudget({ epsilon: 1, delta: 1e-6 });
 * dpCount(rows, { epsilon: 0.5, budget });
 * dpCount(rows, { epsilon: 0.5, budget });
 * dpCount(rows, { epsilon: 0.1, budget }); // throws: would spend 1.1 of 1
 */
export class PrivacyBudget {
  readonly epsilon: number;
  readonly delta: number;
  private readonly entries: BudgetEntry[] = [];
  private spentEpsilon = 0;
  private spentDelta = 0;

  constructor(options: { epsilon: number; delta?: number }) {
    if (!options || typeof options !== 'object') throw new Error(`PrivacyBudget: options must be an object with epsilon, got ${describe(options)}`);
    this.epsilon = checkPositive('PrivacyBudget: epsilon', options.epsilon);
    const delta = options.delta ?? 0;
    if (typeof delta !== 'number' || !(delta >= 0 && delta < 1)) throw new Error(`PrivacyBudget: delta must be in [0, 1), got ${describe(delta)}`);
    this.delta = delta;
  }

  /** Whether spending (epsilon, delta) now would stay within the budget. */
  canSpend(epsilon: number, delta = 0): boolean {
    return this.spentEpsilon + epsilon <= this.epsilon * (1 + SLACK) && this.spentDelta + delta <= this.delta * (1 + SLACK) + 1e-300;
  }

  /** Records a release; throws (and records nothing) if it would exceed the budget. */
  spend(epsilon: number, delta = 0, label = 'release'): void {
    checkPositive('PrivacyBudget.spend: epsilon', epsilon);
    if (typeof delta !== 'number' || !(delta >= 0 && delta < 1)) throw new Error(`PrivacyBudget.spend: delta must be in [0, 1), got ${describe(delta)}`);
    if (typeof label !== 'string') throw new Error(`PrivacyBudget.spend: label must be a string, got ${describe(label)}`);
    if (!this.canSpend(epsilon, delta)) {
      throw new Error(
        `PrivacyBudget.spend: '${label}' needs epsilon ${epsilon}, delta ${delta} but only epsilon ${this.remaining.epsilon}, delta ${this.remaining.delta} remain of (${this.epsilon}, ${this.delta}); refused`,
      );
    }
    this.spentEpsilon += epsilon;
    this.spentDelta += delta;
    this.entries.push({ label, epsilon, delta });
  }

  /** Total spent so far. */
  get spent(): { epsilon: number; delta: number } {
    return { epsilon: this.spentEpsilon, delta: this.spentDelta };
  }

  /** What is left (never negative). */
  get remaining(): { epsilon: number; delta: number } {
    return { epsilon: Math.max(0, this.epsilon - this.spentEpsilon), delta: Math.max(0, this.delta - this.spentDelta) };
  }

  /** Every recorded spending, in order. */
  get ledger(): readonly BudgetEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}

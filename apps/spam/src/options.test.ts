import { describe, expect, it } from 'vitest';
import { DEFAULTS, HELP, parseCommand, UsageError } from './options.js';

describe('parseCommand', () => {
  it('gives the defaults and drops the separator pnpm forwards', () => {
    expect(parseCommand([])).toEqual({ kind: 'train', options: DEFAULTS });
    expect(parseCommand(['--', '--epochs', '2'])).toEqual({ kind: 'train', options: { ...DEFAULTS, epochs: 2 } });
  });

  it('reads training, privacy and run flags', () => {
    const c = parseCommand(['--models', 'transformer', '--max-len', '64', '--vocab', '500', '--tokenizer', 'bpe', '--limit', '300', '--dp', '--epsilon', '3', '--delta', '0.0001', '--clip', '0.5', '--dp-lr', '0.02', '--microbatch', '2', '--backend', 'cpu', '--quiet']);
    expect(c).toEqual({
      kind: 'train',
      options: { ...DEFAULTS, models: ['transformer'], maxLen: 64, vocabSize: 500, tokenizer: 'bpe', limit: 300, dp: true, epsilon: 3, delta: 0.0001, clip: 0.5, dpLearningRate: 0.02, microbatch: 2, backend: 'cpu', quiet: true },
    });
  });

  it('answers --help, documenting every flag', () => {
    expect(parseCommand(['-h'])).toEqual({ kind: 'help' });
    for (const flag of ['--models', '--epochs', '--batch-size', '--lr', '--patience', '--max-len', '--vocab', '--tokenizer', '--seed', '--limit', '--val-size', '--test-size', '--key', '--key-file', '--dp', '--epsilon', '--delta', '--clip', '--dp-lr', '--microbatch', '--who-used', '--json', '--backend', '--runs-dir', '--run-name', '--quiet']) {
      expect(HELP).toContain(flag);
    }
  });

  it('parses a --who-used query', () => {
    expect(parseCommand(['--who-used', 'spam-2/00042', '--runs-dir', 'r', '--json'])).toEqual({ kind: 'who-used', messageId: 'spam-2/00042', runsDir: 'r', json: true });
  });

  it.each([
    [['--models', 'lstm,cnn'], '--models must be a comma-separated list of lstm, transformer, got "lstm,cnn"'],
    [['--epochs', '0'], '--epochs must be an integer in [1, 1000], got "0"'],
    [['--epsilon', '2'], '--epsilon only apply with --dp'],
    [['--dp', '--epsilon=-1'], '--epsilon must be a positive number'],
    [['--dp-lr', '0.01'], '--dp-lr only apply with --dp'],
    [['--dp', '--dp-lr', '0'], '--dp-lr must be a positive number'],
    [['--dp', '--microbatch', '5'], '--microbatch (5) must divide --batch-size (32)'],
    [['--tokenizer', 'chars'], '--tokenizer must be word or bpe, got "chars"'],
    [['--backend', 'webgpu'], '--backend must be one of auto, wasm, cpu'],
    [['--who-used', 'jo@example.org'], '--who-used needs a message id like easy-ham-1/00001'],
    [['--who-used', 'spam-1/00001', '--epochs', '2'], '--who-used answers from the lineage log and trains nothing; drop --epochs'],
    [['--json'], '--json goes with --who-used'],
    [['--key', 'a', '--key-file', 'b'], 'give --key or --key-file, not both'],
    [['--val-size', '0.5', '--test-size', '0.4'], 'must leave at least 20% for training'],
    [['--limit', '10'], '--limit must be an integer in [100, ...], got "10"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it('never repeats a stray key in its error', () => {
    const key = '0123456789abcdef0123456789abcdef';
    expect(() => parseCommand([key])).toThrow(UsageError);
    try {
      parseCommand([key]);
    } catch (e) {
      expect((e as Error).message).not.toContain(key);
    }
  });
});

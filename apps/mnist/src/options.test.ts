import { describe, expect, it } from 'vitest';
import { DEFAULTS, HELP, parseCommand, UsageError } from './options.js';

describe('parseCommand', () => {
  it('gives the defaults without flags and drops the separator pnpm forwards', () => {
    expect(parseCommand([])).toEqual({ kind: 'run', options: DEFAULTS });
    expect(parseCommand(['--', '--epochs', '3'])).toEqual({ kind: 'run', options: { ...DEFAULTS, epochs: 3 } });
  });

  it('reads every flag', () => {
    const c = parseCommand([
      '--epochs', '2', '--batch-size', '16', '--lr', '0.01', '--patience', '1', '--filters', '8,16', '--dense', '32',
      '--dropout', '0', '--no-augment', '--seed', '7', '--limit', '300', '--val-size', '0.2', '--test-size', '0.2',
      '--sparsity', '0.8', '--no-compress', '--backend', 'cpu', '--runs-dir', '/tmp/x', '--run-name', 'a.b_c-1', '--quiet',
    ]);
    expect(c).toEqual({
      kind: 'run',
      options: {
        epochs: 2, batchSize: 16, learningRate: 0.01, patience: 1, filters: [8, 16], dense: [32], dropout: 0, augment: false,
        seed: 7, limit: 300, valSize: 0.2, testSize: 0.2, sparsity: 0.8, compress: false, backend: 'cpu', runsDir: '/tmp/x',
        runName: 'a.b_c-1', quiet: true,
      },
    });
  });

  it('answers --help and -h', () => {
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['-h', '--epochs', 'x'])).toEqual({ kind: 'help' });
    // Every flag the parser accepts is documented.
    for (const flag of ['--epochs', '--batch-size', '--lr', '--patience', '--filters', '--dense', '--dropout', '--no-augment', '--seed', '--limit', '--val-size', '--test-size', '--sparsity', '--no-compress', '--backend', '--runs-dir', '--run-name', '--resume', '--quiet']) {
      expect(HELP).toContain(flag);
    }
  });

  it.each([
    [['--epochs', '0'], '--epochs must be an integer >= 1, got "0"'],
    [['--epochs', '2.5'], '--epochs must be an integer >= 1, got "2.5"'],
    [['--lr=-1'], '--lr must be a positive number, got "-1"'],
    [['--dropout', '1'], '--dropout must be a number in [0, 1), got "1"'],
    [['--filters', '8,,16'], '--filters must be a comma-separated list of positive integers, got "8,,16"'],
    [['--filters', '8,16,32,64'], '--filters accepts at most 3 blocks'],
    [['--backend', 'webgl'], '--backend must be one of auto, wasm, cpu, got "webgl"'],
    [['--limit', '20'], '--limit must be an integer >= 100, got "20"'],
    [['--val-size', '0.5', '--test-size', '0.45'], '--val-size + --test-size must leave at least 10% for training'],
    [['--run-name', '../x'], '--run-name must use letters, digits'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--epochs'], "Option '--epochs <value>' argument missing"],
    [['--resume', '--epochs', '3'], '--resume continues a run with the settings in its run.json; drop --epochs'],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it('takes --resume with or without a folder', () => {
    expect(parseCommand(['--resume'])).toEqual({ kind: 'resume', runDir: null, runsDir: 'runs', backend: null, quiet: false });
    expect(parseCommand(['--resume', 'runs/mnist-1', '--backend', 'cpu'])).toEqual({ kind: 'resume', runDir: 'runs/mnist-1', runsDir: 'runs', backend: 'cpu', quiet: false });
  });
});

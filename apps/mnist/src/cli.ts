#!/usr/bin/env node
/**
 * `tessera-mnist`: the command line of the digits app. Exit status 0 on success, 1 on an error,
 * 2 on a usage error, 130 when interrupted (Ctrl-C; the run can be resumed).
 */
import { Interrupted, runMnist } from './app.js';
import { HELP, parseCommand, UsageError } from './options.js';

// `tessera-x --help | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tessera-mnist: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (command.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  // First Ctrl-C: finish the current step, keep the last checkpoint, mark the run resumable.
  // A second one exits at once.
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nstopping after the current step (Ctrl-C again to quit now) ...\n');
    controller.abort(new Error('interrupted by the user'));
  };
  process.on('SIGINT', onSigint);
  try {
    await runMnist(command, { out: process.stdout, signal: controller.signal });
    return 0;
  } catch (e) {
    if (e instanceof Interrupted) {
      process.stderr.write(`tessera-mnist: ${e.message}\n`);
      return 130;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`tessera-mnist: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`tessera-mnist: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.TESSERA_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

process.exitCode = await main(process.argv.slice(2));

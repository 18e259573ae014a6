#!/usr/bin/env node
/**
 * `tessera-spam`: the command line of the spam app. Exit status 0 on success, 1 on an error,
 * 2 on a usage error. Errors never print the key or message text.
 */
import { runSpam } from './app.js';
import { HELP, parseCommand, UsageError } from './options.js';
import { formatWhoUsed, whoUsed } from './who_used.js';

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
      process.stderr.write(`tessera-spam: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    if (command.kind === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (command.kind === 'who-used') {
      const answer = await whoUsed(command.messageId, command.runsDir);
      process.stdout.write(`${command.json ? JSON.stringify(answer, null, 2) : formatWhoUsed(answer)}\n`);
      return 0;
    }
    await runSpam(command.options, { out: process.stdout });
    return 0;
  } catch (e) {
    process.stderr.write(`tessera-spam: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.TESSERA_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));

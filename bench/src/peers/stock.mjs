// The stock peer, run in a child process (its own tfjs with stock kernels must not meet
// Tessera's engine) under a time limit: stock tfjs can take minutes for one training step.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./stock_child.mjs', import.meta.url));

/**
 * Runs `steps` steps of the scenario in stock tfjs, stopping at `limitS` seconds.
 * Resolves { secondsPerStep } (the fastest step after the first when two or more finished,
 * else the first), or { note } saying why there is no number.
 */
export function runStock({ model, phase, backend, spec, steps, limitS }) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child, JSON.stringify({ model, phase, backend, spec, steps })], { stdio: ['ignore', 'pipe', 'pipe'] });
    const times = [];
    let error = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, limitS * 1000);
    createInterface({ input: p.stdout }).on('line', (line) => {
      let r;
      try {
        r = JSON.parse(line);
      } catch {
        return; // a library's log line
      }
      if (r.error) error = r.error;
      else if (typeof r.seconds === 'number') times.push(r.seconds);
    });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    p.on('close', () => {
      clearTimeout(timer);
      if (error) return resolve({ note: `cannot ${phase === 'train' ? 'train' : 'run'} on stock ${backend}: ${error}` });
      if (times.length === 0) {
        if (timedOut) return resolve({ note: `did not finish a step in ${limitS} s` });
        return resolve({ note: `stock child failed: ${stderr.trim().split('\n').at(-1) ?? 'no output'}` });
      }
      const best = times.length > 1 ? Math.min(...times.slice(1)) : times[0];
      resolve({ secondsPerStep: best, steps: times.length });
    });
  });
}

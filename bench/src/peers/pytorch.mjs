// The PyTorch peer: one long-lived `python3 pytorch_peer.py --serve` process that builds each
// scenario's model once and times rounds on request, so that its rounds alternate with
// Tessera's in the same run. Python is `python3` on PATH, else `/usr/bin/python3` (Debian's
// python3-torch); when neither imports torch the peer is skipped with "skipped: no torch".
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./pytorch_peer.py', import.meta.url));

/**
 * The first Python that imports torch, with its version and the BLAS library torch loaded, or
 * null. Debian's python3-torch links the system libblas.so.3: with only the reference libblas3
 * installed its dense products (Linear, LSTM, attention) run ~5-10x slower than with OpenBLAS
 * (apt-get install libopenblas0-openmp), so the harness says which one it measured.
 */
export function findTorch() {
  const probe = [
    'import torch',
    'paths = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.split()[-1].lower()})',
    'print(torch.__version__, paths[0] if paths else "unknown")',
  ].join('\n');
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', probe], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) {
      const [version, blas] = r.stdout.trim().split(' ');
      const reference = /\/blas\/libblas|libblas\.so\.3$/.test(blas ?? '') && !/openblas|mkl|blis/i.test(blas ?? '');
      return { python, version, blas, referenceBlas: reference };
    }
  }
  return null;
}

/**
 * Starts the server. Returns { version, setup(id, scenario), run(id, steps) -> seconds, drop(id), close() }.
 * OMP_WAIT_POLICY=PASSIVE keeps idle OpenMP threads from spinning while Tessera's rounds run.
 */
export function startPytorch(found) {
  const child = spawn(found.python, ['-u', script, '--serve'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`pytorch peer exited (${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
  });
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      waiting.push({
        resolve: (line) => {
          const r = JSON.parse(line);
          if (r.error) reject(new Error(`pytorch: ${r.error}`));
          else resolve(r);
        },
        reject,
      });
      child.stdin.write(JSON.stringify(msg) + '\n');
    });
  return {
    version: found.version,
    setup: (id, scenario) => ask({ cmd: 'setup', id, ...scenario }),
    /** Cores busy per timed round (CPU seconds / wall seconds), per scenario id: ~1 for one thread. */
    coreUse: new Map(),
    async run(id, steps) {
      const r = await ask({ cmd: 'run', id, steps });
      if (typeof r.cpuSeconds === 'number' && r.seconds > 0) {
        const list = this.coreUse.get(id) ?? [];
        list.push(r.cpuSeconds / r.seconds);
        this.coreUse.set(id, list);
      }
      return r.seconds;
    },
    drop: (id) => ask({ cmd: 'drop', id }),
    close: () => {
      child.stdin.end();
      child.kill();
    },
  };
}

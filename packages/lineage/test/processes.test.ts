import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLineage } from '../src/lineage.js';
import { tempDir } from './helpers/pipeline.js';

// These tests run real processes against the built package (dist/), as the package's test task
// runs after its build.
const writer = fileURLToPath(new URL('./fixtures/writer.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

interface Writer {
  child: ChildProcess;
  acks: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(path: string, label: string, count: number, onAck?: (n: number) => void, onReady?: () => void): Writer {
  const args = [writer, path, label, String(count), ...(onReady ? ['wait'] : [])];
  const child = spawn(process.execPath, args, { stdio: [onReady ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const acks: string[] = [];
  let buf = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (line === 'ready') onReady?.();
      // Only a complete line is an acknowledgement.
      if (line.startsWith('ack ')) {
        acks.push(line.split(' ')[3]!);
        onAck?.(acks.length);
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, exited };
}

beforeAll(() => {
  if (!existsSync(built)) throw new Error(`${built} is missing: run pnpm build before these tests`);
});

describe.each(['sqlite', 'jsonl'])('%s log across processes', (format) => {
  it('keeps every acknowledged entry when a writer is killed mid-append (3 rounds)', async () => {
    const path = join(tempDir(), `lineage.${format}`);
    const acked: string[] = [];
    for (let round = 0; round < 3; round++) {
      // Kill after a varying number of acknowledgements, while the writer is busy appending.
      const killAt = 15 + round * 7;
      const w = startWriter(path, `r${round}`, 100_000, (n) => {
        if (n === killAt) w.child.kill('SIGKILL');
      });
      const { signal, stderr } = await w.exited;
      expect(signal, stderr).toBe('SIGKILL');
      expect(w.acks.length).toBeGreaterThanOrEqual(killAt);
      acked.push(...w.acks);

      const lineage = await createLineage({ path, code: false });
      const r = await lineage.verify();
      expect(r.ok, JSON.stringify(r)).toBe(true);
      const g = await lineage.graph();
      for (const id of acked) expect(g.has(id), `acknowledged ${id} is missing`).toBe(true);
      // Appends whose acknowledgement was still in the pipe at the kill may be there too (under
      // load there can be several), but no append may be missing before them: this round's
      // entries are exactly r<round>-0 .. r<round>-(m-1) with m at least the acknowledged count.
      const mine = g
        .datasets()
        .map((d) => d.name)
        .filter((n) => n.startsWith(`r${round}-`))
        .map((n) => Number(n.slice(`r${round}-`.length)))
        .sort((x, y) => x - y);
      expect(mine.length).toBeGreaterThanOrEqual(w.acks.length);
      expect(mine).toEqual(Array.from({ length: mine.length }, (_, i) => i));
      await lineage.close();
    }
  });

  it('two processes appending at once leave one valid chain with every entry', async () => {
    const path = join(tempDir(), `lineage.${format}`);
    const count = 40;
    // Both open the log, then start appending together.
    let ready = 0;
    const go = () => {
      if (++ready === 2) for (const w of [a, b]) w.child.stdin!.end('go\n');
    };
    const a = startWriter(path, 'a', count, undefined, go);
    const b = startWriter(path, 'b', count, undefined, go);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code, ea.stderr).toBe(0);
    expect(eb.code, eb.stderr).toBe(0);
    const lineage = await createLineage({ path, code: false });
    const r = await lineage.verify();
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, entries: 2 * count });
    const g = await lineage.graph();
    for (const id of [...a.acks, ...b.acks]) expect(g.has(id)).toBe(true);
    const labels = g.datasets().map((d) => d.name[0]).join('');
    expect(labels.replace(/a/g, '').length).toBe(count);
    expect(labels).toMatch(/ab|ba/);
  });
});

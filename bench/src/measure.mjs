// Timing: each side of a scenario is warmed up, sized so that one round takes about the same
// wall time, then the sides run in alternating rounds (the order rotates each round) so that a
// burst of load from other processes on this shared machine hits all of them alike. The
// result per side is the median rate over rounds.

/** Median of a non-empty list. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * sides: [{ name, warmup(): Promise<secondsPerStep>, prepare(steps): Promise<void>,
 *           run(): Promise<seconds>, dispose?() }]
 * Each side runs `steps` steps per round (its own count, from its warm-up speed).
 * Returns Map name -> { rate (steps per second, median), rates, steps } or { error }.
 */
export async function alternate(sides, { rounds, roundSeconds, maxSteps = 200 }) {
  const out = new Map();
  const live = [];
  for (const s of sides) {
    try {
      const perStep = await s.warmup();
      const steps = Math.max(1, Math.min(maxSteps, Math.round(roundSeconds / perStep)));
      await s.prepare(steps);
      live.push({ side: s, steps, rates: [] });
    } catch (e) {
      out.set(s.name, { error: String(e?.message ?? e).split('\n')[0] });
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < live.length; i++) {
      const l = live[(i + r) % live.length];
      if (l.error) continue;
      try {
        const seconds = await l.side.run();
        l.rates.push(l.steps / seconds);
      } catch (e) {
        l.error = String(e?.message ?? e).split('\n')[0];
      }
    }
  }
  for (const l of live) {
    out.set(l.side.name, l.error ? { error: l.error } : { rate: median(l.rates), rates: l.rates, steps: l.steps });
    l.side.dispose?.();
  }
  return out;
}

/** Seconds taken by `fn` (sync or async). */
export async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

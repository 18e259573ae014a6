#!/usr/bin/env node
// Tessera's comparative benchmarks: `pnpm bench` (full) or `pnpm bench -- --quick` (1-2 min).
// Every scenario measures Tessera and its peers in the same run, alternating rounds after a
// warm-up, and reports Tessera's rate, the peer's and their ratio (tessera / peer, higher is
// better) as a table and as JSON (bench/results/latest.json for a full run). See README.md.
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tfl from '@tensorflow/tfjs-layers';
import { tf, useBackend } from '@tessera/backend';
import { runAnonymizerBench } from './anonymize.mjs';
import { alternate, timed } from './measure.mjs';
import { buildLayersModel, layersInfer, layersTrain } from './peers/tfjs_layers.mjs';
import { findTorch, startPytorch } from './peers/pytorch.mjs';
import { runStock } from './peers/stock.mjs';
import { pipelineSides } from './pipeline.mjs';
import { quantizeModel } from '@tessera/compress';
import { buildTessera, makeData, MODELS, tesseraInfer, tesseraTrainer } from './scenarios.mjs';
import { formatTable } from './table.mjs';

const USAGE = `usage: pnpm bench [-- options]   (or: node bench/src/cli.mjs [options])
  --quick            1-2 minute version: fewer, shorter rounds; stock peer with a short limit
  --only TEXT        run only scenarios whose name contains TEXT (repeatable)
  --backends LIST    comma-separated, default wasm,cpu
  --no-stock         skip the stock tfjs child processes
  --no-pytorch       skip PyTorch
  --out FILE         JSON output (default bench/results/latest.json, for --quick too)
  --help`;

const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    backends: { type: 'string', default: 'wasm,cpu' },
    'no-stock': { type: 'boolean', default: false },
    'no-pytorch': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  // turbo/pnpm may forward a bare `--`.
  allowPositionals: true,
});
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
const backends = opt.backends.split(',').map((s) => s.trim());
for (const b of backends) {
  if (b !== 'wasm' && b !== 'cpu') {
    console.error(`--backends: expected a comma-separated list of wasm and cpu; got ${JSON.stringify(opt.backends)}`);
    process.exit(2);
  }
}
const quick = opt.quick;
const plan = quick
  ? { rounds: 3, roundSeconds: 0.3, stockLimitS: 4, stockSteps: 2, stockInfer: false, torch2t: false }
  : { rounds: 5, roundSeconds: 1.5, stockLimitS: 150, stockSteps: 3, stockInfer: true, torch2t: true };
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = resolve(opt.out ?? `${root}/results/latest.json`);
const wanted = (name) => !opt.only || opt.only.some((o) => name.includes(o));

const results = [];
/** One row of the table / JSON. ratio = tessera / peer (higher is better). */
function record(scenario, backend, unit, peerName, peer, tessera, note) {
  const ratio = peer && tessera ? tessera / peer : null;
  const row = { scenario, backend, unit, peerName, peer: peer ?? null, tessera: tessera ?? null, ratio };
  if (note) row.note = note;
  results.push(row);
  const f = (v) => (v === null || v === undefined ? '—' : v >= 100 ? v.toFixed(0) : v.toPrecision(3));
  console.log(
    `  ${scenario.padEnd(26)} ${backend.padEnd(5)} ${(peerName ?? '-').padEnd(18)} tessera ${f(tessera).padStart(8)}  peer ${f(peer).padStart(8)}` +
      `  ratio ${ratio === null ? '—' : ratio.toFixed(2)}${note ? `  (${note})` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------
console.log(`Tessera bench (${quick ? 'quick' : 'full'}): ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ` +
  `Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

let torch = null;
let torchNote = null;
if (!opt['no-pytorch']) {
  const found = findTorch();
  if (found) {
    torch = startPytorch(found);
    console.log(`PyTorch ${found.version} via ${found.python} (1 thread per 1t scenario), BLAS ${found.blas}`);
    if (found.referenceBlas) {
      torchNote = 'PyTorch on the reference BLAS (slow)';
      console.log('  warning: torch runs on the reference BLAS (libblas3); its dense products are ~5-10x slower than with ' +
        'OpenBLAS: apt-get install libopenblas0-openmp for a fair peer. Its rows are marked.');
    }
  } else {
    torchNote = 'skipped: no torch';
    console.log('PyTorch: skipped: no torch (neither python3 nor /usr/bin/python3 imports torch)');
  }
} else torchNote = 'skipped: --no-pytorch';

// Threads: ask wasm for 2 and report what runs.
if (backends.includes('wasm')) {
  const info = await useBackend('wasm', { threads: 2 });
  const why = info.notes.find((n) => n.startsWith('threads')) ?? '';
  console.log(`wasm: SIMD ${info.simd ? 'on' : 'off'}, threads ${info.threads}` +
    `${info.threads === 1 ? ` (multi-threading unavailable in Node: ${why.replace(/^threads: /, '') || 'tfjs-backend-wasm runs single-threaded in Node'})` : ''}`);
}

const phases = [
  { phase: 'train', label: 'train', unit: 'samples/s', batch: (s) => s.batch },
  { phase: 'infer', label: 'infer', unit: 'samples/s', batch: (s) => s.batch },
  { phase: 'infer', label: 'latency', unit: 'calls/s (batch 1)', batch: () => 1 },
];

let scenarioId = 0;
for (const backend of backends) {
  await useBackend(backend);
  for (const [name, spec0] of Object.entries(MODELS)) {
    for (const ph of phases) {
      const scenario = `${ph.label} ${name} 1t`;
      if (!wanted(scenario)) continue;
      const batch = ph.batch(spec0);
      const spec = { ...spec0, batch };
      console.log(`${scenario} on ${backend}: ${spec.what}, batch ${batch}`);
      await runScenario({ scenario, backend, name, spec, ph, batch });
    }
  }
}

async function runScenario({ scenario, backend, name, spec, ph, batch }) {
  const id = `s${scenarioId++}`;
  const tModel = buildTessera(name, spec);
  const lModel = buildLayersModel(name, spec, tfl, tf);
  const disposers = [];
  const train = ph.phase === 'train';
  const sides = [];
  // Tessera, and tfjs-layers in the same process on the same backend with the same kernels. A
  // side trains one epoch over `data` (steps x batch samples) or runs inference `steps` times.
  const jsSide = (sideName, trainStep, inferStep, dispose) => {
    let data = null;
    let steps = 1;
    return {
      name: sideName,
      warmup: async () => {
        // Twice: the first call compiles and allocates; the second is the speed estimate.
        const d = makeData(name, spec, batch, 7);
        try {
          const once = () => (train ? trainStep(d) : inferStep(d));
          await once();
          return await timed(once);
        } finally {
          d.dispose();
        }
      },
      prepare: async (n) => {
        data = makeData(name, spec, train ? batch * n : batch, 11);
        disposers.push(() => data.dispose());
        steps = n;
      },
      run: () =>
        timed(async () => {
          if (train) await trainStep(data);
          else for (let i = 0; i < steps; i++) inferStep(data);
        }),
      dispose,
    };
  };
  const trainer = train ? tesseraTrainer(tModel) : null;
  sides.push(jsSide('tessera', (d) => trainer.run(d, batch), (d) => tesseraInfer(tModel, d.x), () => trainer?.dispose()));
  sides.push(jsSide('tfjs-layers', (d) => layersTrain(lModel, d.x, d.yOneHot, batch), (d) => layersInfer(lModel, d.x)));
  // PyTorch, 1 thread
  if (torch) {
    const side = {
      name: 'pytorch',
      warmup: async () => {
        await torch.setup(id, { model: name, phase: ph.phase, batch, threads: 1, warmup: 1, config: spec.torch });
        return await torch.run(id, 1);
      },
      prepare: async (steps) => {
        side.steps = steps;
      },
      run: () => torch.run(id, side.steps),
      dispose: () => void torch.drop(id).catch(() => undefined),
    };
    sides.push(side);
  }
  const res = await alternate(sides, { rounds: plan.rounds, roundSeconds: plan.roundSeconds });
  tModel.dispose();
  lModel.dispose();
  for (const d of disposers) d();
  // Rates in steps/s -> the unit: samples/s (batch per step) or calls/s (batch 1).
  const perStep = ph.label === 'latency' ? 1 : batch;
  const t = res.get('tessera');
  const tRate = t?.rate ? t.rate * perStep : null;
  const note = (r) => (r?.error ? `error: ${r.error}` : undefined);
  if (t?.error) console.log(`  Tessera failed: ${t.error}`);
  const l = res.get('tfjs-layers');
  record(scenario, backend, ph.unit, 'tfjs-layers', l?.rate ? l.rate * perStep : null, tRate, note(l) ?? note(t));
  if (torch) {
    const p = res.get('pytorch');
    // Say so when PyTorch kept more than one core busy in a 1-thread scenario (its rate is then
    // not a one-core number); the median over its timed rounds.
    const use = torch.coreUse.get(id) ?? [];
    const cores = use.length ? [...use].sort((a, b) => a - b)[Math.floor(use.length / 2)] : null;
    const coreNote = cores !== null && cores > 1.25 ? `PyTorch kept ${cores.toFixed(1)} cores busy` : undefined;
    const notes = [note(p) ?? note(t) ?? torchNote ?? undefined, coreNote].filter(Boolean).join('; ');
    record(scenario, backend, ph.unit, 'pytorch', p?.rate ? p.rate * perStep : null, tRate, notes || undefined);
  } else record(scenario, backend, ph.unit, 'pytorch', null, tRate, torchNote);
  // Stock tfjs (child process, not alternated: one step can take a minute).
  if (opt['no-stock']) return;
  if (!train && !plan.stockInfer) {
    record(scenario, backend, ph.unit, 'tfjs-layers-stock', null, tRate, 'skipped in --quick');
    return;
  }
  const s = await runStock({ model: name, phase: ph.phase, backend, spec, steps: plan.stockSteps, limitS: plan.stockLimitS });
  record(scenario, backend, ph.unit, 'tfjs-layers-stock', s.secondsPerStep ? perStep / s.secondsPerStep : null, tRate, s.note);
}

// PyTorch with 2 threads: a peer-only line (Tessera runs one thread in Node).
if (torch && plan.torch2t) {
  for (const [name, spec] of Object.entries(MODELS)) {
    const scenario = `train ${name} 2t`;
    if (!wanted(scenario)) continue;
    const id = `s${scenarioId++}`;
    try {
      await torch.setup(id, { model: name, phase: 'train', batch: spec.batch, threads: 2, warmup: 2, config: spec.torch });
      const perStep = (await torch.run(id, 2)) / 2;
      const steps = Math.max(1, Math.round(plan.roundSeconds / perStep));
      const rates = [];
      for (let r = 0; r < plan.rounds; r++) rates.push((steps * spec.batch) / (await torch.run(id, steps)));
      rates.sort((a, b) => a - b);
      await torch.drop(id);
      record(scenario, 'cpu', 'samples/s', 'pytorch', rates[Math.floor(rates.length / 2)], null, 'peer only: Tessera runs 1 thread in Node (no wasm threads there)');
    } catch (e) {
      record(scenario, 'cpu', 'samples/s', 'pytorch', null, null, `error: ${e.message}`);
    }
  }
}
torch?.close();

// Quantized inference (@tessera/compress): the int8 model (per-channel weights, dequantized when
// loaded) against tfjs-layers' float32 model of the same architecture, batch 64. Loading
// dequantizes, so the same float32 kernels run: the row shows that int8 costs no speed, and
// its note says how much smaller the weights file is.
for (const backend of backends) {
  for (const name of ['cnn-seed', 'mlp']) {
    const scenario = `infer ${name}-int8 1t`;
    if (!wanted(scenario)) continue;
    await useBackend(backend);
    const spec = MODELS[name];
    console.log(`${scenario} on ${backend}: ${spec.what}, int8 weights, batch ${spec.batch}`);
    const base = buildTessera(name, spec);
    const int8 = await quantizeModel(base, { dtype: 'int8' });
    const floatBytes = base.countParams() * 4;
    const lModel = buildLayersModel(name, spec, tfl, tf);
    const data = makeData(name, spec, spec.batch, 11);
    const side = (sideName, fn) => {
      let steps = 1;
      return {
        name: sideName,
        warmup: async () => {
          fn();
          return timed(fn);
        },
        prepare: async (n) => void (steps = n),
        run: () =>
          timed(() => {
            for (let i = 0; i < steps; i++) fn();
          }),
      };
    };
    const sides = [side('tessera', () => tesseraInfer(int8.model, data.x)), side('tfjs-layers', () => layersInfer(lModel, data.x))];
    const res = await alternate(sides, { rounds: plan.rounds, roundSeconds: plan.roundSeconds });
    const t = res.get('tessera');
    const l = res.get('tfjs-layers');
    record(scenario, backend, 'samples/s', 'tfjs-layers', l?.rate ? l.rate * spec.batch : null, t?.rate ? t.rate * spec.batch : null,
      t?.error ?? l?.error ?? `peer runs float32; int8 file ${(floatBytes / int8.weights.byteLength).toFixed(2)}x smaller, dequantized at load`);
    data.dispose();
    lModel.dispose();
    int8.dispose();
    base.dispose();
  }
}

// Dataset pipeline overhead (JS; tensors on the first backend listed).
await useBackend(backends[0]);
for (const tensors of [false, true]) {
  const scenario = `pipeline ${tensors ? 'dataset-tensors' : 'dataset'} 1t`;
  if (!wanted(scenario)) continue;
  console.log(`${scenario}: identity Dataset map+batch(64)${tensors ? '+toTensors' : ''} vs a plain array loop`);
  const { sides, perStep } = pipelineSides({ tensors, batches: quick ? 200 : 1000 });
  const res = await alternate(sides, { rounds: plan.rounds, roundSeconds: plan.roundSeconds, maxSteps: 50 });
  const t = res.get('tessera');
  const p = res.get('plain-loop');
  record(scenario, tensors ? tf.getBackend() : 'js', 'batches/s', 'plain-loop', p?.rate ? p.rate * perStep : null, t?.rate ? t.rate * perStep : null,
    t?.error ?? p?.error);
}

// Anonymizer (packages/anonymize's own benchmark).
if (wanted('anonymize')) {
  console.log('anonymize: packages/anonymize scripts/bench.mjs (default Analyzer, 2 MB per corpus)');
  const r = runAnonymizerBench();
  if (r.error) record('anonymize analyzer 1t', 'js', 'MB/s', null, null, null, `error: ${r.error}`);
  else {
    for (const [k, v] of Object.entries(r)) {
      record(`anonymize ${k.replace('_', '-')} 1t`, 'js', 'MB/s', null, null, v.mbPerSecond, 'no peer (Presidio is not installed)');
    }
  }
}

console.log('\n' + formatTable(results));
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote ${outFile}`);
process.exit(0);

/**
 * The playground page: data (bundled digits or a dropped CSV, anonymized here) -> a zoo model
 * -> training with live charts -> held-out evaluation -> a drawn digit -> downloads, all in the
 * tab. `window.playground` mirrors the state for people poking around and for the browser test.
 */
import './style.css';
import { tf, type BackendName } from '@tessera/backend';
import { createLineage, type Lineage } from '@tessera/lineage';
import { predict, type Sequential } from '@tessera/models';
import { resetArtifacts, showArtifacts } from './artifacts_panel.js';
import { startBackend, type BackendStatus } from './backend_panel.js';
import { showCompressPanel, type CompressRow } from './compress_panel.js';
import type { CsvTable } from './csv_data.js';
import { prepareDigits } from './digit_data.js';
import { loadDigits, type Digits } from './digits.js';
import { byId, h, table, yieldToBrowser } from './dom.js';
import { DrawPad } from './draw_pad.js';
import { evaluateAndShow } from './evaluation.js';
import { LiveChart } from './live_chart.js';
import { isFlat, showLiveMemory, type EpochMemory } from './memory_meter.js';
import { ZOO, type ZooChoice } from './model_zoo.js';
import type { PreparedData } from './prepared_data.js';
import { train, type TrainProgress } from './training.js';

/** What the page shows, as plain data (read by the browser test). */
export interface PlaygroundState {
  phase: 'starting' | 'ready' | 'preparing' | 'training' | 'trained' | 'error';
  error: string | null;
  backend: { name: string; requested: string; fellBack: { name: string; reason: string }[]; webglRenderer: string | null; note: string | null } | null;
  dataset: { kind: string; name: string; train: number; test: number; features: number; classes: number } | null;
  csv: { columns: string[]; piiCounts: Record<string, number>; label: string | null; dropped: string[] } | null;
  epochs: Record<string, unknown>[];
  memory: EpochMemory[];
  memoryFlat: boolean | null;
  trainSeconds: number | null;
  evaluation: { accuracy: number; macroF1: number } | null;
  prediction: { digit: number; probabilities: number[] } | null;
  artifacts: { weightBytes: number; logEntries: number; cardChars: number } | null;
  compression: CompressRow[] | null;
}

const state: PlaygroundState = {
  phase: 'starting',
  error: null,
  backend: null,
  dataset: null,
  csv: null,
  epochs: [],
  memory: [],
  memoryFlat: null,
  trainSeconds: null,
  evaluation: null,
  prediction: null,
  artifacts: null,
  compression: null,
};
(window as unknown as { playground: PlaygroundState }).playground = state;

let lineage: Lineage;
let chart: LiveChart;
let backend: BackendStatus | null = null;
let digits: Digits | null = null;
let csvTable: CsvTable | null = null;
let data: PreparedData | null = null;
let model: { net: Sequential; zoo: ZooChoice; data: PreparedData } | null = null;
let control = { stopRequested: false };

const trainButton = byId<HTMLButtonElement>('train');
const stopButton = byId<HTMLButtonElement>('stop');
const modelChoice = byId<HTMLSelectElement>('model-choice');
const labelColumn = byId<HTMLSelectElement>('label-column');
const num = (id: string) => Number(byId<HTMLInputElement>(id).value);
const datasetKind = () => (document.querySelector<HTMLInputElement>('input[name="dataset"]:checked')?.value === 'csv' ? 'csv' : 'digits');

// The CSV path (parser, PII analyzer and its word lists) loads only when a CSV is used.
const csvModule = () => import('./csv_data.js');

function showError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  state.phase = 'error';
  state.error = message;
  const el = byId('train-error');
  el.hidden = false;
  el.textContent = message;
  console.error(e);
}

function clearError(): void {
  state.error = null;
  byId('train-error').hidden = true;
}

function setBusy(busy: boolean): void {
  trainButton.disabled = busy || data === null;
  stopButton.disabled = !busy;
  for (const id of ['backend-choice', 'train-size', 'model-choice', 'epochs', 'batch-size', 'learning-rate', 'seed', 'augment', 'label-column', 'csv-file']) {
    byId<HTMLInputElement>(id).disabled = busy || (id === 'label-column' && csvTable === null);
  }
  document.querySelectorAll<HTMLInputElement>('input[name="dataset"]').forEach((r) => (r.disabled = busy));
}

function dropModel(): void {
  model?.net.dispose();
  model = null;
  state.prediction = null;
  byId('prediction').textContent = '–';
  byId('prediction').dataset.digit = '';
  byId('probabilities').replaceChildren();
  resetArtifacts();
  state.compression = null;
  showCompressPanel(null);
  if (backend) showLiveMemory();
}

/** Fills the model menu with the zoo models that fit the data, keeping the choice if it still fits. */
function fillModelMenu(): void {
  const previous = modelChoice.value;
  const fits = data ? ZOO.filter((z) => z.fits(data!)) : ZOO;
  modelChoice.replaceChildren(...fits.map((z) => h('option', { value: z.id }, z.label)));
  if (fits.some((z) => z.id === previous)) modelChoice.value = previous;
  describeModel();
}

function selectedZoo(): ZooChoice {
  const zoo = ZOO.find((z) => z.id === modelChoice.value);
  if (!zoo) throw new Error(`model-choice: unknown model "${modelChoice.value}"`);
  return zoo;
}

function describeModel(): void {
  if (!data) return;
  const net = selectedZoo().build(data, num('seed'));
  byId('model-params').textContent = `Architecture: ${net.countParams().toLocaleString('en-US')} parameters`;
  byId('model-summary').textContent = net.summary();
  net.dispose();
}

function useData(next: PreparedData): void {
  data = next;
  state.dataset = { kind: next.kind, name: next.name, train: next.trainY.length, test: next.testY.length, features: next.features, classes: next.classNames.length };
  fillModelMenu();
  trainButton.disabled = false;
  if (state.phase !== 'training') state.phase = 'ready';
}

async function prepareDigitData(): Promise<void> {
  if (!digits) digits = await loadDigits();
  const n = num('train-size');
  state.phase = 'preparing';
  useData(await prepareDigits(digits, n, lineage));
  byId('data-summary').textContent =
    `${digits.count.toLocaleString('en-US')} digits bundled with the page (28x28 grey levels, from the mnist package); ` +
    `training on ${n.toLocaleString('en-US')}, evaluating on ${data!.testY.length.toLocaleString('en-US')} others (both balanced over 0-9).`;
  byId('pii-report').replaceChildren();
  byId('data-preview').replaceChildren();
}

async function prepareCsvData(): Promise<void> {
  if (!csvTable) {
    data = null;
    trainButton.disabled = true;
    byId('data-summary').textContent = 'Drop a CSV with a header row; pick the column to predict.';
    return;
  }
  const label = labelColumn.value;
  const { planEncoding, encodeCsv } = await csvModule();
  const plan = planEncoding(csvTable, label);
  const { data: prepared, encoding } = await encodeCsv(csvTable, label, num('seed'), lineage);
  useData(prepared);
  state.csv = { columns: csvTable.columns, piiCounts: { ...csvTable.report.byEntityType }, label, dropped: plan.dropped.map((d) => d.column) };
  byId('data-summary').textContent =
    `${csvTable.fileName}: ${csvTable.rows.length} rows. Predicting "${label}" (${prepared.classNames.length} classes) from ` +
    `${encoding.featureNames.length} features: numbers [${encoding.numeric.join(', ') || 'none'}], one-hot [${encoding.categorical.join(', ') || 'none'}]` +
    (encoding.dropped.length ? `; dropped ${encoding.dropped.map((d) => `${d.column} (${d.why})`).join(', ')}.` : '.');
}

async function onCsvFile(file: File): Promise<void> {
  clearError();
  dropModel();
  state.phase = 'preparing';
  csvTable = await (await csvModule()).loadCsv(file, lineage);
  const r = csvTable.report;
  const found = Object.entries(r.byEntityType);
  byId('pii-report').replaceChildren(
    h('p', { class: 'summary', id: 'pii-summary', 'data-total': String(r.total) }, `Anonymized in this page: ${r.total} PII value${r.total === 1 ? '' : 's'} replaced in ${r.records} rows.`),
    ...(found.length ? [table(['entity type', 'replaced'], found.map(([k, v]) => [k, v]))] : []),
  );
  const shown = csvTable.rows.slice(0, 5);
  byId('data-preview').replaceChildren(table(csvTable.columns, shown.map((row) => csvTable!.columns.map((c) => row[c] ?? ''))));
  if (csvTable.labelCandidates.length === 0) {
    throw new Error(`${file.name}: no column can be a label (one needs 2..20 distinct values and no empty cell)`);
  }
  labelColumn.replaceChildren(...csvTable.labelCandidates.map((c) => h('option', { value: c }, c)));
  labelColumn.value = csvTable.labelCandidates.at(-1)!;
  labelColumn.disabled = false;
  await prepareCsvData();
}

async function onDatasetKind(): Promise<void> {
  const kind = datasetKind();
  byId('digits-options').hidden = kind !== 'digits';
  byId('csv-options').hidden = kind !== 'csv';
  byId('draw-section').hidden = kind !== 'digits';
  dropModel();
  if (kind === 'digits') await prepareDigitData();
  else await prepareCsvData();
}

function onProgress(p: TrainProgress): void {
  const bar = byId<HTMLProgressElement>('progress');
  const per = p.batches ?? p.batch;
  bar.max = p.epochs * per;
  bar.value = p.epoch * per + p.batch;
  byId('progress-text').textContent =
    `epoch ${p.epoch + 1}/${p.epochs} · batch ${p.batch}${p.batches ? `/${p.batches}` : ''} · ${Math.round(p.samplesPerSecond)} samples/s`;
}

async function onTrain(): Promise<void> {
  if (!data || !backend) return;
  clearError();
  dropModel();
  const trainingData = data;
  const zoo = selectedZoo();
  control = { stopRequested: false };
  state.phase = 'training';
  state.epochs = [];
  state.memory = [];
  state.memoryFlat = null;
  state.evaluation = null;
  state.artifacts = null;
  setBusy(true);
  try {
    await yieldToBrowser();
    await chart.clear();
    const result = await train(
      trainingData,
      { zoo, epochs: num('epochs'), batchSize: num('batch-size'), learningRate: num('learning-rate'), seed: num('seed'), augment: byId<HTMLInputElement>('augment').checked },
      { lineage, backend: backend.info.name, chart, control, onProgress },
    );
    model = { net: result.model, zoo, data: trainingData };
    state.epochs = result.history.epochs.map((e) => ({ ...e }));
    state.memory = result.memory;
    state.memoryFlat = result.memory.length >= 2 ? isFlat(result.memory) : null;
    state.trainSeconds = result.seconds;
    byId('progress-text').textContent =
      `${result.history.stopReason === 'completed' ? 'done' : result.history.stopReason}: ${result.history.epochs.length} epoch(s) in ${result.seconds.toFixed(1)} s on ${backend.info.name}`;
    const ev = await evaluateAndShow(result.model, trainingData, zoo.sampleShape(trainingData), result.history, lineage, result.artifact?.id ?? null);
    state.evaluation = { accuracy: ev.accuracy, macroF1: ev.report.macroAvg.f1 };
    if (result.artifact) {
      const name = `${trainingData.name}-${zoo.id}`;
      const artifact = result.artifact.id;
      const backendName = backend.info.name;
      const refresh = async () => {
        const a = await showArtifacts(result.model, name, lineage, artifact, backendName);
        state.artifacts = { weightBytes: a.weightBytes, logEntries: a.logEntries, cardChars: a.card.length };
      };
      await refresh();
      showCompressPanel({ model: result.model, data: trainingData, sampleShape: zoo.sampleShape(trainingData), name, lineage, artifact }, async (rows) => {
        state.compression = rows;
        // The model card lists the quantized variants made from this model.
        await refresh();
      });
    }
    state.phase = 'trained';
  } catch (e) {
    showError(e);
  } finally {
    setBusy(false);
    showLiveMemory();
  }
}

async function onDrawn(pad: DrawPad): Promise<void> {
  const img = pad.image();
  if (!img) return;
  if (!model || !model.data.image) {
    byId('prediction').textContent = 'Train a digits model first';
    return;
  }
  const sampleShape = model.zoo.sampleShape(model.data);
  const x = tf.tensor(img, [1, ...sampleShape], 'float32');
  const probsT = predict(model.net, x);
  const probabilities = Array.from(await probsT.data());
  tf.dispose([x, probsT]);
  const digit = probabilities.indexOf(Math.max(...probabilities));
  state.prediction = { digit, probabilities };
  const out = byId('prediction');
  out.textContent = `Prediction: ${digit} (${(probabilities[digit]! * 100).toFixed(0)}%)`;
  out.dataset.digit = String(digit);
  byId('probabilities').replaceChildren(
    ...probabilities.flatMap((p, i) => [
      h('span', {}, String(i)),
      h('div', { class: 'bar', style: `width:${Math.max(1, p * 140).toFixed(0)}px` }),
      h('span', {}, `${(p * 100).toFixed(1)}%`),
    ]),
  );
  showLiveMemory();
}

async function onBackendChoice(): Promise<void> {
  dropModel();
  backend = null;
  backend = await startBackend(byId<HTMLSelectElement>('backend-choice').value as BackendName | 'auto');
  state.backend = { name: backend.info.name, requested: backend.info.requested, fellBack: [...backend.info.fellBack], webglRenderer: backend.webglRenderer, note: backend.note };
  showLiveMemory();
}

function wireCsvInput(): void {
  const zone = byId('drop-zone');
  const input = byId<HTMLInputElement>('csv-file');
  const take = (file: File | undefined) => {
    if (file) onCsvFile(file).catch(showError);
  };
  input.addEventListener('change', () => take(input.files?.[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    take(e.dataTransfer?.files[0]);
  });
}

async function start(): Promise<void> {
  lineage = await createLineage();
  chart = await LiveChart.create(byId('live-chart'));
  showCompressPanel(null);
  await onBackendChoice();
  const pad = new DrawPad(byId('draw-pad'), byId('draw-preview'), () => void onDrawn(pad).catch(showError));
  byId('clear-pad').addEventListener('click', () => {
    pad.clear();
    state.prediction = null;
    byId('prediction').textContent = '–';
    byId('prediction').dataset.digit = '';
    byId('probabilities').replaceChildren();
  });
  trainButton.addEventListener('click', () => void onTrain());
  stopButton.addEventListener('click', () => (control.stopRequested = true));
  modelChoice.addEventListener('change', describeModel);
  byId('seed').addEventListener('change', describeModel);
  byId('train-size').addEventListener('change', () => void prepareDigitData().catch(showError));
  labelColumn.addEventListener('change', () => void prepareCsvData().catch(showError));
  byId('backend-choice').addEventListener('change', () => void onBackendChoice().catch(showError));
  document.querySelectorAll('input[name="dataset"]').forEach((r) => r.addEventListener('change', () => void onDatasetKind().catch(showError)));
  wireCsvInput();
  await prepareDigitData();
  showLiveMemory();
  state.phase = 'ready';
}

start().catch(showError);

/**
 * What the user takes away: the weights as safetensors (@tessera/models), the model card made
 * from the lineage log (@tessera/lineage), and the log itself, checked before it is offered.
 */
import { modelCard, type Lineage, type MemoryStore, type NodeRef } from '@tessera/lineage';
import { encodeWeights, type Sequential, type WeightStorage } from '@tessera/models';
import { byId, formatBytes, saveFile } from './dom.js';

/** The downloads of one trained model. */
export interface Artifacts {
  /** Model card as Markdown. */
  card: string;
  /** Bytes of the float32 safetensors file. */
  weightBytes: number;
  /** Entries in the verified log. */
  logEntries: number;
}

/**
 * Builds the model card, verifies the log and wires the three download buttons.
 *
 * @example
 * ```ts
 * const a = await showArtifacts(model, 'digits-mlp', lineage, artifact.id, 'webgl');
 * ```
 */
export async function showArtifacts(model: Sequential, name: string, lineage: Lineage, artifact: NodeRef, backend: string): Promise<Artifacts> {
  const graph = await lineage.graph();
  const { markdown } = modelCard(graph, artifact, {
    title: `${name} (Tessera playground)`,
    overview: `Model '${model.name}' (${model.countParams().toLocaleString('en-US')} parameters), trained in a browser tab on the ${backend} backend.`,
    intendedUse: 'A demonstration of in-browser training; not for decisions about people.',
    limitations: 'Trained for a few epochs on a small sample; accuracy on other data is unknown.',
  });
  const verified = await lineage.verify();
  if (!verified.ok) throw new Error(`showArtifacts: the lineage log failed verification: ${verified.firstBad.message}`);
  const float32 = await encodeWeights(model);

  byId('model-card').textContent = markdown;
  byId('lineage-status').textContent =
    `Lineage log: ${verified.entries} entries, hash chain verified ✓ (head ${verified.head?.hash.slice(0, 19) ?? 'none'}…). ` +
    `Weights: ${formatBytes(float32.length)} as float32 safetensors.`;
  byId('lineage-status').dataset.entries = String(verified.entries);

  const weightsButton = byId<HTMLButtonElement>('download-weights');
  const cardButton = byId<HTMLButtonElement>('download-card');
  const logButton = byId<HTMLButtonElement>('download-lineage');
  weightsButton.onclick = async () => {
    const dtype = byId<HTMLSelectElement>('weights-dtype').value as WeightStorage;
    const bytes = dtype === 'float32' ? float32 : await encodeWeights(model, { dtype });
    saveFile(`${name}.safetensors`, bytes as Uint8Array<ArrayBuffer>, 'application/octet-stream');
  };
  cardButton.onclick = () => saveFile(`${name}-model-card.md`, markdown, 'text/markdown');
  logButton.onclick = () => saveFile(`${name}-lineage.jsonl`, (lineage.store as MemoryStore).exportJsonl(), 'application/x-ndjson');
  for (const b of [weightsButton, cardButton, logButton]) b.disabled = false;
  return { card: markdown, weightBytes: float32.length, logEntries: verified.entries };
}

/**
 * Disables the downloads (no trained model).
 *
 * @example
 * ```ts
 * resetArtifacts();
 * ```
 */
export function resetArtifacts(): void {
  for (const id of ['download-weights', 'download-card', 'download-lineage']) byId<HTMLButtonElement>(id).disabled = true;
  byId('model-card').textContent = '';
  byId('lineage-status').textContent = '';
}

/**
 * @tessera/lineage: content hashes, run and transform records, a tamper-evident log,
 * lineage queries, OpenLineage 2-0-2 export, graphs (Mermaid, DOT, SVG) and model cards.
 *
 * The core needs no tensors and no native code: tensors are recognised by shape, SQLite and
 * Graphviz are loaded only when used, so text-only and browser users load neither.
 *
 * @example
 * ```ts
 * import { createLineage, modelCard } from '@tessera/lineage';
 * const lineage = await createLineage({ path: 'lineage.sqlite' });
 * const raw = await lineage.dataset({ name: 'emails', file: 'emails.csv' });
 * const run = await lineage.start('anonymize', { inputs: [raw] });
 * await run.complete({ outputs: [{ kind: 'dataset', name: 'emails-clean', records }], summary: { counts: { EMAIL: 3 } } });
 * (await lineage.verify()).ok; // true
 * ```
 */

// Fingerprints
export { canonicalJson } from './canonical_json.js';
export { createSha256 } from './sha256.js';
export type { Fingerprint, Sha256Hasher } from './sha256.js';
export { hashBytes, hashText, hashJson, hashStream, hashRecords, fingerprintValue } from './fingerprint.js';
export type { ByteSource } from './fingerprint.js';
export { hashFile } from './file_fingerprint.js';
export { hashTensor, hashTensors, isTensorLike } from './tensor_fingerprint.js';
export type { NamedTensorLike, TensorLike, TensorDtype } from './tensor_fingerprint.js';

// Records and the log
export { createLineage, Lineage } from './lineage.js';
export type {
  LineageOptions,
  DatasetSpec,
  ArtifactSpec,
  OutputSpec,
  StartOptions,
  CompleteOptions,
  ProgressUpdate,
} from './lineage.js';
export type { ContentSource } from './content_source.js';
export { RunHandle } from './run_handle.js';
export { detectCodeVersion } from './code_version.js';
export type {
  ArtifactNode,
  CodeVersion,
  DatasetNode,
  FieldSchema,
  LineageNode,
  NodeRef,
  RunKind,
  RunNode,
  RunProgress,
  RunStatus,
  Stage,
} from './records.js';
export { GENESIS_HASH } from './hash_chain.js';
export type { ChainHead, EntryType, LogEntry, RawEntry, VerifyReason, VerifyResult } from './hash_chain.js';

// Stores
export type { LineageStore, StoreSnapshot } from './store.js';
export { createMemoryStore } from './memory_store.js';
export type { MemoryStore, MemoryStoreOptions } from './memory_store.js';
export { openJsonlStore } from './jsonl_store.js';
export type { JsonlStoreOptions } from './jsonl_store.js';
export { openSqliteStore, openStore } from './open_store.js';
export type { OpenStoreOptions } from './open_store.js';
export type { SqliteStoreOptions } from './sqlite_store.js';

// Wrappers
export { recordStep } from './record_step.js';
export type { RecordStepOptions } from './record_step.js';
export { trainerCallback } from './trainer_callback.js';
export type { LineageCallback, Logs, TrainerCallbackOptions } from './trainer_callback.js';

// Queries
export { LineageGraph } from './lineage_graph.js';
export type { ErasureImpact, TraversalOptions } from './lineage_graph.js';
export { diffRuns } from './run_diff.js';
export type { RunChange, RunDiff } from './run_diff.js';

// Export
export { toOpenLineageEvents, OPENLINEAGE_SCHEMA_URL, TESSERA_PRODUCER } from './openlineage.js';
export type { OpenLineageDataset, OpenLineageFacet, OpenLineageOptions, OpenLineageRunEvent } from './openlineage.js';
export { writeOpenLineageFile, postOpenLineage } from './openlineage_transport.js';
export type { PostOpenLineageOptions } from './openlineage_transport.js';
export { toMermaid } from './mermaid.js';
export { toDot } from './dot.js';
export { toSvg } from './svg.js';
export type { GraphViewOptions } from './internal/graph_view.js';
export { modelCard } from './model_card.js';
export type { ModelCard, ModelCardDataset, ModelCardFields } from './model_card.js';

/**
 * Models in the browser's IndexedDB: one record `{ config, weights }` per key in an object
 * store `models` of a database (default `tessera-models`).
 */
import type { Sequential } from '../sequential.js';
import { loadModel, type ModelArtifacts, saveModel } from './artifacts.js';
import type { EncodeWeightsOptions } from './weights.js';

/** Where models are kept. */
export interface IndexedDBOptions {
  /** Default `'tessera-models'`. */
  dbName?: string;
  /** The IndexedDB factory. Default `globalThis.indexedDB` (pass one in workers or tests). */
  indexedDB?: IDBFactory;
}

const STORE = 'models';

function open(options: IndexedDBOptions, where: string): Promise<IDBDatabase> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined) throw new Error(`${where}: IndexedDB is not available here; pass options.indexedDB`);
  return new Promise((resolve, reject) => {
    const req = factory.open(options.dbName ?? 'tessera-models', 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`${where}: cannot open IndexedDB: ${req.error?.message ?? 'unknown error'}`));
  });
}

async function run<T>(
  options: IndexedDBOptions,
  where: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const db = await open(options, where);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () =>
        reject(new Error(`${where}: ${tx.error?.message ?? req.error?.message ?? 'transaction failed'}`));
      tx.onabort = () => reject(new Error(`${where}: transaction aborted: ${tx.error?.message ?? ''}`));
    });
  } finally {
    db.close();
  }
}

/**
 * Saves a model under `key`, replacing any model stored there.
 *
 * @example
 * ```ts
 * await saveModelToIndexedDB(model, 'digits-cnn');
 * ```
 */
export async function saveModelToIndexedDB(
  model: Sequential,
  key: string,
  options: IndexedDBOptions & EncodeWeightsOptions = {},
): Promise<void> {
  if (typeof key !== 'string' || key === '')
    throw new Error(`saveModelToIndexedDB: key must be a non-empty string; got ${JSON.stringify(key)}`);
  const artifacts = await saveModel(model, options);
  await run(options, 'saveModelToIndexedDB', 'readwrite', (s) => s.put(artifacts, key));
}

/**
 * Loads the model stored under `key`.
 *
 * @example
 * ```ts
 * const model = await loadModelFromIndexedDB('digits-cnn');
 * ```
 */
export async function loadModelFromIndexedDB(key: string, options: IndexedDBOptions = {}): Promise<Sequential> {
  const record = await run<ModelArtifacts | undefined>(options, 'loadModelFromIndexedDB', 'readonly', (s) =>
    s.get(key),
  );
  if (record === undefined) throw new Error(`loadModelFromIndexedDB: no model stored under key '${key}'`);
  return loadModel(record);
}

/**
 * Deletes the model stored under `key` (no error if there is none).
 *
 * @example
 * ```ts
 * await deleteModelFromIndexedDB('digits-cnn');
 * ```
 */
export async function deleteModelFromIndexedDB(key: string, options: IndexedDBOptions = {}): Promise<void> {
  await run(options, 'deleteModelFromIndexedDB', 'readwrite', (s) => s.delete(key));
}

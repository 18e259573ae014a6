/**
 * tf.memory() in the page: the live count in the header, and the count after every epoch, which
 * must stay flat over a run (the same tensors, no leak per epoch).
 */
import { tf } from '@tessera/backend';
import { byId, formatBytes, h, table } from './dom.js';

/** tf.memory() at the end of one epoch. */
export interface EpochMemory {
  epoch: number;
  numTensors: number;
  numBytes: number;
}

/**
 * Shows the live tf.memory() numbers in the header.
 *
 * @example
 * ```ts
 * showLiveMemory();
 * ```
 */
export function showLiveMemory(): void {
  const m = tf.memory();
  const el = byId('memory');
  el.textContent = `tf.memory(): ${m.numTensors} tensors · ${formatBytes(m.numBytes)}`;
  el.dataset.tensors = String(m.numTensors);
}

/**
 * Whether the records are flat: the same tensor count and bytes after every epoch.
 *
 * @example
 * ```ts
 * isFlat([{ epoch: 1, numTensors: 14, numBytes: 9e5 }, { epoch: 2, numTensors: 14, numBytes: 9e5 }]); // true
 * ```
 */
export function isFlat(records: readonly EpochMemory[]): boolean {
  const first = records[0];
  return first !== undefined && records.every((r) => r.numTensors === first.numTensors && r.numBytes === first.numBytes);
}

/**
 * Records tf.memory() after each epoch and renders the table with its verdict.
 *
 * @example
 * ```ts
 * const meter = new MemoryMeter();
 * meter.record(0); // in onEpochEnd
 * ```
 */
export class MemoryMeter {
  readonly records: EpochMemory[] = [];

  constructor(private readonly container: HTMLElement = byId('memory-table')) {
    container.replaceChildren();
  }

  record(epoch: number): EpochMemory {
    const m = tf.memory();
    const r = { epoch: epoch + 1, numTensors: m.numTensors, numBytes: m.numBytes };
    this.records.push(r);
    this.render();
    return r;
  }

  private render(): void {
    const flat = isFlat(this.records);
    const verdict =
      this.records.length < 2
        ? h('span', {}, 'tf.memory() after each epoch (compared from the second epoch on):')
        : h(
            'span',
            { class: flat ? 'flat' : 'not-flat', id: 'memory-verdict', 'data-flat': String(flat) },
            flat ? `flat over ${this.records.length} epochs ✓` : 'NOT flat: tensors leak per epoch',
          );
    this.container.replaceChildren(
      verdict,
      table(
        ['after epoch', ...this.records.map((r) => String(r.epoch))],
        [
          ['tensors', ...this.records.map((r) => r.numTensors)],
          ['bytes', ...this.records.map((r) => formatBytes(r.numBytes))],
        ],
      ),
    );
  }
}

/** Small DOM helpers: the page's elements by id (failing loudly when index.html lacks one). */

/**
 * The element with `id`, typed by the caller.
 *
 * @example
 * ```ts
 * const button = byId<HTMLButtonElement>('train');
 * ```
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`byId: index.html has no element with id "${id}"`);
  return el as T;
}

/**
 * A new element with text and attributes.
 *
 * @example
 * ```ts
 * table.append(h('td', { class: 'num' }, '0.97'));
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/**
 * A table from a header row and body rows.
 *
 * @example
 * ```ts
 * container.replaceChildren(table(['class', 'f1'], [['0', '0.98']]));
 * ```
 */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, String(c)))))),
  );
}

/**
 * Human-readable byte count.
 *
 * @example
 * ```ts
 * formatBytes(1536); // '1.5 KB'
 * ```
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Lets the browser paint and handle input between training steps (a macrotask, not throttled
 * like timers in a busy page). Click handlers that start heavy synchronous work (building a
 * model, the first WebGL shader compiles: seconds on a software renderer) await it first, so the
 * click is answered and the busy state painted before the work; an `await` of a settled promise
 * would continue in the same task.
 *
 * @example
 * ```ts
 * await yieldToBrowser();
 * ```
 */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/**
 * Saves bytes or text as a file through a temporary link.
 *
 * @example
 * ```ts
 * saveFile('model.safetensors', bytes, 'application/octet-stream');
 * ```
 */
export function saveFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Node built-ins and the optional native SQLite binding are imported through a variable
// specifier with bundler hints, so that Vite and webpack leave them out of browser bundles; the
// code paths that call this only run in Node.

/** Dynamic import that bundlers do not follow. @internal */
export async function nodeImport<T>(specifier: string): Promise<T> {
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}

/** True when running in Node (or a runtime that presents itself as Node). @internal */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** The `code` of a Node system error (`ENOENT`), or undefined. @internal */
export function errorCode(e: unknown): string | undefined {
  return e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The message of anything thrown. @internal */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

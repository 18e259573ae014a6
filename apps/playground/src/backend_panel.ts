/**
 * Starts a tfjs backend through @tessera/backend and says in the page which one runs, what
 * was passed over and why (the visible fallback note).
 */
import { useBackend, type BackendInfo, type BackendName } from '@tessera/backend';
import { byId } from './dom.js';

/** What the page knows about the running backend. */
export interface BackendStatus {
  info: BackendInfo;
  /** The WebGL renderer string ("SwiftShader…" is a software renderer), when WebGL 2 exists. */
  webglRenderer: string | null;
  /** The note shown under the badge, or null when nothing fell back. */
  note: string | null;
}

/**
 * The WebGL 2 renderer name, unmasked where the browser allows it.
 *
 * @example
 * ```ts
 * webglRenderer(); // 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device ...))'
 * ```
 */
export function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

const LABEL: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript (cpu)' };

/**
 * The fallback note: which backends were passed over and why, and whether the GPU is real.
 *
 * @example
 * ```ts
 * fallbackNote(info, 'SwiftShader Device'); // 'WebGPU was not used: …'
 * ```
 */
export function fallbackNote(info: BackendInfo, renderer: string | null): string | null {
  const parts: string[] = [];
  for (const f of info.fellBack) parts.push(`${LABEL[f.name] ?? f.name} was not used: ${f.reason}.`);
  if (parts.length) parts.push(`Running on ${LABEL[info.name] ?? info.name} instead.`);
  if (info.name === 'webgl' && renderer && /swiftshader|llvmpipe|software/i.test(renderer)) {
    parts.push(`WebGL is a software renderer here (${renderer}): no GPU, so training is slow; wasm is usually faster on such a machine.`);
  }
  if (info.name === 'wasm' && (info.threads ?? 1) <= 1 && !globalThis.crossOriginIsolated) {
    parts.push('This page is not cross-origin isolated (COOP/COEP headers), so wasm runs on one thread.');
  }
  return parts.length ? parts.join(' ') : null;
}

/**
 * Starts `name` (falling back in 'auto' order when it cannot) and updates the badge and note.
 *
 * @example
 * ```ts
 * const status = await startBackend('auto');
 * status.info.name; // 'webgl'
 * ```
 */
export async function startBackend(name: BackendName | 'auto'): Promise<BackendStatus> {
  const badge = byId('backend');
  const noteEl = byId('backend-note');
  badge.textContent = `starting ${name}…`;
  const info = await useBackend(name, { fallback: true });
  const renderer = info.name === 'webgl' ? webglRenderer() : null;
  const note = fallbackNote(info, renderer);
  const details = [info.name === 'wasm' ? `${info.threads ?? 1} thread${info.threads === 1 ? '' : 's'}${info.simd ? ', SIMD' : ''}` : null, renderer]
    .filter((d): d is string => d !== null)
    .join(' · ');
  badge.textContent = `backend: ${info.name}${details ? ` (${details})` : ''}`;
  badge.dataset.backend = info.name;
  noteEl.hidden = note === null;
  noteEl.textContent = note ?? '';
  return { info, webglRenderer: renderer, note };
}

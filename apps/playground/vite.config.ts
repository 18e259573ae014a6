import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistDigits } from './vite/mnist_digits.js';
import { workspaceCheck } from './vite/workspace_check.js';

// Cross-origin isolation lets tfjs-backend-wasm start worker threads (SharedArrayBuffer).
const isolation = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

export default defineConfig({
  plugins: [workspaceCheck(fileURLToPath(new URL('./package.json', import.meta.url))), mnistDigits({ perClass: 500 })],
  // Pre-bundling would rewrite the backend's `new URL('../wasm/…', import.meta.url)` asset URLs.
  optimizeDeps: { exclude: ['@tessera/backend'] },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 2500 },
});

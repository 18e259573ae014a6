import { preset } from '@tessera/tooling/vitest';

// The end-to-end tests train through the built CLI (tiny runs and the full default run); `pnpm test`
// runs them while every other package's tests run on the same 2 cores, so give them room.
export default preset({ testTimeout: 600_000, hookTimeout: 600_000 });

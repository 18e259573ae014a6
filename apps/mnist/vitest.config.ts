import { preset } from '@tessera/tooling/vitest';

// The end-to-end tests train tiny models through the built CLI; give them room on a loaded machine.
export default preset({ testTimeout: 180_000 });

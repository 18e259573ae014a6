// One flat config for the whole monorepo; the shared rules live in tooling/config.
export { default } from './tooling/config/eslint.config.js';

/**
 * @tessera/models: Layers and the model zoo (MLP, CNN, RNN, Transformer) on tfjs-core ops, with safetensors weights.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #4.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};

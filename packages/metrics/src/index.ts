/**
 * @tessera/metrics: Classification and regression metrics that match scikit-learn, streaming metrics, curves and cross-validation.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #3.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};

/**
 * @tessera/lineage: Content hashes, run and transform records, a tamper-evident log, OpenLineage export and model cards.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #9.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};

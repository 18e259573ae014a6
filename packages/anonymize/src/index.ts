/**
 * @tessera/anonymize: PII detection and removal for text and records, k-anonymity and differential privacy.
 *
 * This package is a placeholder in the monorepo: its API arrives with issue #8.
 * Nothing is exported yet, so nothing can be used by mistake.
 */
export {};

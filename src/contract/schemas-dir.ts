import { fileURLToPath } from 'node:url';

/**
 * The folder that holds the contract data: the project's `schemas/`, or the folder the environment
 * variable MIGRATION_CONFORMANCE_SCHEMAS names (a copy with operations of your own).
 */
export const schemasDir = process.env['MIGRATION_CONFORMANCE_SCHEMAS'] ?? fileURLToPath(new URL('../../schemas/', import.meta.url));

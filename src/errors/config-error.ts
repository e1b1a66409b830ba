import { ConformanceError, exitCodes } from './conformance-error.ts';

/** A configuration file (migration-conformance.config.*) that cannot be read, loaded or does not match schemas/config.schema.json. */
export class ConfigError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_CONFIG', message, exitCodes.usage, options);
    this.name = 'ConfigError';
  }
}

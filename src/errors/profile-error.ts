import { ConformanceError, exitCodes } from './conformance-error.ts';

/** A target profile that cannot be read or does not match schemas/profile.schema.json. */
export class ProfileError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_PROFILE', message, exitCodes.usage, options);
    this.name = 'ProfileError';
  }
}

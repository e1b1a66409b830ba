import { ConformanceError, exitCodes } from './conformance-error.ts';

/** An input file the user named that cannot be read or parsed (a request document, a profile, a report). */
export class InputError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_INPUT', message, exitCodes.usage, options);
    this.name = 'InputError';
  }
}

import { ConformanceError, exitCodes } from './conformance-error.ts';

/** Bad command-line usage: an unknown flag, a missing argument, an unknown API id. */
export class UsageError extends ConformanceError {
  constructor(message: string) {
    super('CONFORMANCE_USAGE', message, exitCodes.usage);
    this.name = 'UsageError';
  }
}

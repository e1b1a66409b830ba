import { ConformanceError, exitCodes } from './conformance-error.ts';

/** The target endpoint cannot be reached at all (refused, unknown host): the run cannot start. */
export class TargetUnreachableError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_UNREACHABLE', message, exitCodes.unreachable, options);
    this.name = 'TargetUnreachableError';
  }
}

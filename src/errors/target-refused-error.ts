import { ConformanceError, exitCodes } from './conformance-error.ts';

/** The target answered the pre-flight request, but not as a service that will judge the run's requests: credentials refused, throttled, no such API. */
export class TargetRefusedError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_TARGET_REFUSED', message, exitCodes.unreachable, options);
    this.name = 'TargetRefusedError';
  }
}

/** Exit codes of the CLI, as the issues define them. */
export const exitCodes = {
  conforming: 0,
  runFailed: 1,
  usage: 2,
  /** The target cannot be reached, refused the credentials, or does not serve the operation. */
  unreachable: 3,
  /** No failing finding, but the run could not test every rule it should have (see the coverage). */
  inconclusive: 4,
} as const;

/**
 * Base of the errors that are the user's to fix (bad flags, bad profile, unreachable target) or
 * ours (a broken contract file). Each has a stable `CONFORMANCE_*` code and the exit code the CLI uses.
 */
export class ConformanceError extends Error {
  readonly code: string;
  readonly exitCode: number;

  constructor(code: string, message: string, exitCode: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConformanceError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Whether `error` is one of ours, with a message fit for the user. */
export function isConformanceError(error: unknown): error is ConformanceError {
  return error instanceof ConformanceError;
}

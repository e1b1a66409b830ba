import { ConformanceError, exitCodes } from './conformance-error.ts';

/** A contract file under schemas/ that is missing or does not hold what the suite needs: a fault of this project. */
export class ContractError extends ConformanceError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFORMANCE_CONTRACT', message, exitCodes.usage, options);
    this.name = 'ContractError';
  }
}

import { operationOf } from '../contract/apis.ts';
import type { Contract } from '../contract/load.ts';
import { UsageError } from '../errors/index.ts';
import type { ContractDiff } from './change.ts';
import { diffContradictions, diffErrors, diffStateful } from './document.ts';
import { diffParameters, parametersOf } from './parameters.ts';
import { diffRules, type Side } from './rules.ts';

/**
 * The drift from one contract of an operation to another (two doc editions), everything read from
 * the contracts' data: the request schema's parameters, the derived rules one by one, the stateful
 * rules, the documented error codes and the contradictions. Each change is graded for clients and
 * for implementations (see `impacts` in change.ts and the comments of each part); FROM is the
 * baseline. Two contracts of different operations are a usage error.
 */
export function diffContracts(from: Contract, to: Contract): ContractDiff {
  if (operationOf(from.id) !== operationOf(to.id)) {
    throw new UsageError(`diff: ${from.id} and ${to.id} are not editions of one operation (${operationOf(from.id)} vs ${operationOf(to.id)})`);
  }
  const before: Side = { contract: from, parameters: parametersOf(from.requestSchema) };
  const after: Side = { contract: to, parameters: parametersOf(to.requestSchema) };
  return {
    from: from.id,
    to: to.id,
    changes: [
      ...diffParameters(from, to, before.parameters, after.parameters),
      ...diffRules(before, after),
      ...diffStateful(from, to),
      ...diffErrors(from, to),
      ...diffContradictions(from, to),
    ],
  };
}

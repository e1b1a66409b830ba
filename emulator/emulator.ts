import { apiIds, editionOf, isApiId, productOf, type ApiId } from '../src/contract/apis.ts';
import { loadContract, type Contract } from '../src/contract/load.ts';
import { moveLimits } from '../src/contract/moved-limits.ts';
import { systemClock, type Clock } from '../src/keywords/clock.ts';
import { loadProfile, type TargetProfile } from '../src/profile/load-profile.ts';
import { deformAnswer } from './deform-answer.ts';
import { isFaultName, type FaultName } from './faults.ts';
import { protocolOf, type FrontEnd, type Protocol } from './front-ends/index.ts';
import { createOperation, type Operation } from './operation.ts';
import type { HeldResource, ProfileTarget } from './rules/rule.ts';
import { checkDrift, checkReadings, movesOf, type EmulatorSettings } from './settings.ts';

/** A doc edition, as an API id names it after `@` (`2019`, `current`). */
export type Edition = string;

/** Options of {@link createEmulator}; every field has a default. */
export interface EmulatorOptions {
  /** Fixtures and credentials (credentials turn on signature checks). @default profiles/default.json */
  readonly profile?: TargetProfile;
  /**
   * The operations to serve. Two operations on one route (the same RPC Action and Version, or the
   * same REST method and path) cannot share an emulator. @default every operation of schemas/, one
   * per route (see `edition`)
   */
  readonly apis?: readonly ApiId[];
  /** Operations to serve from contracts already loaded (another folder of contracts: `loadContractFrom`), with `apis`. */
  readonly contracts?: readonly Contract[];
  /**
   * Without `apis`: where two discovered operations share a route, the one of this edition.
   * @default the edition of the profile's target of their product, else `current`
   */
  readonly edition?: Edition;
  /**
   * The limit of every stateful rule that states one (`job-quota`). @default the profile target's
   * `quota` when its edition is the operation's, else the contract's (100 for 2019, 1000 for current)
   */
  readonly quota?: number;
  /** Deliberate deviations by name (see `faults.ts`); unknown names throw. @default none */
  readonly faults?: readonly string[];
  /** The clock of date windows (ScheduledStartTime) and signature timestamps. @default the system clock */
  readonly clock?: Clock;
  /**
   * The reading to follow where the documents contradict themselves, by contradiction id (see
   * `list`); unknown ids or readings throw. @default the first reading each contract lists
   */
  readonly readings?: ReadonlyMap<string, string>;
  /**
   * Bounds moved away from the documents, by rule id (`SystemDiskSize.maximum` → 4096): range,
   * length and count rules only, each moved in every served operation that has it (an endpoint whose
   * limits are not the documents'); a rule no served operation has throws. @default none
   */
  readonly drift?: ReadonlyMap<string, number>;
}

/**
 * The reference emulator: the operations it serves, each from its contract alone, behind one front
 * end per vendor protocol, as web `Request` → `Response`. The servers (`startEmulatorServer`,
 * `createHandlers`) only carry requests to {@link Emulator.handle}.
 */
export interface Emulator {
  /** Answers one request; never rejects (its own faults become a 500 in the vendor's envelope). */
  readonly handle: (request: Request) => Promise<Response>;
  readonly profile: TargetProfile;
  /** The operations served (those of the chosen ones whose product the profile has a target for). */
  readonly apis: readonly ApiId[];
  /** The active faults. */
  readonly faults: readonly FaultName[];
  /** The readings chosen over the defaults. */
  readonly readings: ReadonlyMap<string, string>;
  /** The bounds moved away from the documents, by rule id. */
  readonly drift: ReadonlyMap<string, number>;
  /** The vendors' own endpoints of the operations (what `createHandlers` intercepts without a base URL). */
  readonly endpoints: readonly RegExp[];
  /** Forgets everything created, every ClientToken and signature nonce: the state the profile started with. */
  readonly reset: () => void;
  /** What an operation created and still holds, by id (empty for an operation not served). */
  readonly resources: (api: ApiId) => ReadonlyMap<string, HeldResource>;
  /** The effective limit of an operation's stateful rule (`job-quota`): the `quota` option, the profile's, or the contract's; undefined without one. */
  readonly statefulLimit: (api: ApiId, ruleId: string) => number | undefined;
}

/** The route an operation answers on: two operations with one route cannot share an emulator. */
export function routeOf(contract: Contract): string {
  const binding = contract.document.binding;
  return binding.style === 'rpc' ? `RPC Action ${binding.action} Version ${binding.version}` : `${binding.method} ${binding.path}`;
}

/** The profile's target of an API's product. */
function targetOf(profile: TargetProfile, api: ApiId): ProfileTarget | undefined {
  return (profile.targets as Readonly<Record<string, ProfileTarget | undefined>>)[productOf(api)];
}

/** The contracts to serve: the ones named (a shared route throws), or one per route of every discovered operation. */
function chosenContracts(options: EmulatorOptions, profile: TargetProfile): Contract[] {
  if (options.apis !== undefined || options.contracts !== undefined) {
    const unknown = (options.apis ?? []).filter((api) => !isApiId(api));
    if (unknown.length > 0) throw new Error(`createEmulator: unknown operation ${unknown.join(', ')}; known: ${apiIds.join(', ')}`);
    const contracts = [...(options.apis ?? []).map((api) => loadContract(api)), ...(options.contracts ?? [])];
    const byRoute = new Map<string, Contract>();
    for (const contract of contracts) {
      const other = byRoute.get(routeOf(contract));
      if (other && other.id !== contract.id) throw new Error(`createEmulator: ${other.id} and ${contract.id} share the route ${routeOf(contract)}; one emulator serves one of them`);
      byRoute.set(routeOf(contract), contract);
    }
    return [...byRoute.values()];
  }
  const groups = new Map<string, Contract[]>();
  for (const contract of apiIds.map((api) => loadContract(api))) groups.set(routeOf(contract), [...(groups.get(routeOf(contract)) ?? []), contract]);
  return [...groups.entries()].map(([route, [first, ...others]]) => {
    if (others.length === 0) return first!;
    const edition = options.edition ?? targetOf(profile, first!.id)?.edition ?? 'current';
    const chosen = [first!, ...others].find((c) => editionOf(c.id) === edition);
    if (!chosen) throw new Error(`createEmulator: no operation of edition ${edition} on the route ${route} (${[first!, ...others].map((c) => c.id).join(', ')})`);
    return chosen;
  });
}

/** Builds an emulator from a profile: its fixtures seed the state, its credentials turn on signature checks. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const profile = options.profile ?? loadProfile();
  const unknown = (options.faults ?? []).filter((f) => !isFaultName(f));
  if (unknown.length > 0) throw new Error(`createEmulator: unknown fault ${unknown.join(', ')}`);
  const active = new Set(options.faults as readonly FaultName[] | undefined);
  const clock = options.clock ?? systemClock;
  const contracts = chosenContracts(options, profile);
  if (contracts.length === 0) throw new Error('createEmulator: no operation to serve');
  const readings = options.readings ?? new Map<string, string>();
  const problem = checkReadings(contracts, readings);
  if (problem) throw new Error(`createEmulator: ${problem}`);
  const drift = options.drift ?? new Map<string, number>();
  const driftProblem = checkDrift(contracts.filter((c) => targetOf(profile, c.id)), drift);
  if (driftProblem) throw new Error(`createEmulator: ${driftProblem}`);
  const settings: EmulatorSettings = { faults: active, clock, readings };
  let operations: Operation[];
  try {
    operations = contracts.map((contract) => createOperation(moveLimits(contract, movesOf(contract, drift)), { target: targetOf(profile, contract.id), settings, ...(options.quota !== undefined ? { quota: options.quota } : {}) }));
  } catch (error) {
    throw new Error(`createEmulator: ${(error as Error).message}`, { cause: error });
  }
  const byProtocol = new Map<Protocol, Operation[]>();
  for (const operation of operations) {
    const protocol = protocolOf(operation.contract);
    byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), operation]);
  }
  const frontEnds: FrontEnd[] = [...byProtocol].map(([protocol, ops]) => protocol.create(ops, settings));
  const endpoints = [...byProtocol].flatMap(([protocol, ops]) => protocol.endpoints(ops.map((o) => o.contract)));
  const served = operations.filter((o) => o.target);
  const byApi = new Map(served.map((o) => [o.api, o]));

  const handle = async (request: Request): Promise<Response> => {
    const pathname = new URL(request.url).pathname;
    // The front end whose routes' literal prefix starts the path the furthest (`/v2/` before `/`).
    const frontEnd = frontEnds.reduce((best, next) => (next.claim(pathname) > best.claim(pathname) ? next : best));
    try {
      return await deformAnswer(await frontEnd.handle(request), active);
    } catch (error) {
      // A fault of the emulator itself: answered in the vendor's envelope, and visible as a 500 to any test.
      return frontEnd.failure(`(emulator: ${(error as Error).message})`);
    }
  };
  const empty: ReadonlyMap<string, HeldResource> = new Map();
  return {
    handle,
    profile,
    apis: served.map((o) => o.api),
    faults: [...active],
    readings,
    drift,
    endpoints,
    reset: () => {
      for (const operation of operations) operation.reset();
      for (const frontEnd of frontEnds) frontEnd.reset();
    },
    resources: (api) => byApi.get(api)?.held ?? empty,
    statefulLimit: (api, ruleId) => byApi.get(api)?.limitOf(ruleId),
  };
}

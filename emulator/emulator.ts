import { loadContract } from '../src/contract/load.ts';
import { systemClock, type Clock } from '../src/keywords/clock.ts';
import { loadProfile, type TargetProfile } from '../src/profile/load-profile.ts';
import { createDcsService } from './dcs-service.ts';
import { deformAnswer } from './deform-answer.ts';
import { cataloguedError, statefulLimit } from './documented-error.ts';
import { isFaultName, type FaultName } from './faults.ts';
import { errorResponse } from './responses.ts';
import { checkReadings, type EmulatorSettings } from './settings.ts';
import { createSmcService } from './smc-service.ts';
import { createStore, type Store } from './store.ts';

/** An SMC doc edition the emulator can hold to. */
export type SmcEdition = '2019' | 'current';

/** Options of {@link createEmulator}; every field has a default. */
export interface EmulatorOptions {
  /** Fixtures and credentials (credentials turn on signature checks). @default profiles/default.json */
  readonly profile?: TargetProfile;
  /** The SMC doc edition to hold to. @default the profile's SMC edition, else `current` */
  readonly edition?: SmcEdition;
  /**
   * SMC job quota. @default the profile's quota when the profile's edition is the chosen one,
   * else the edition's documented quota (100 for 2019, 1000 for current)
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
}

/**
 * The reference emulator's core: one state for both vendors and one request handler, as web
 * `Request` → `Response`. `/v2/…` paths are DCS REST, everything else SMC RPC. The front ends
 * (`startEmulatorServer`, `createHandlers`) only carry requests to {@link Emulator.handle}.
 */
export interface Emulator {
  /** Answers one request; never rejects (its own faults become a 500 in the vendor's envelope). */
  readonly handle: (request: Request) => Promise<Response>;
  /** The state: SMC jobs, tokens and nonces; DCS tasks. */
  readonly store: Store;
  readonly profile: TargetProfile;
  readonly edition: SmcEdition;
  /** The active faults. */
  readonly faults: readonly FaultName[];
  /** The readings chosen over the defaults. */
  readonly readings: ReadonlyMap<string, string>;
  /** Forgets every job, token, nonce and task: the state the profile started with. */
  readonly reset: () => void;
}

function smcQuota(profile: TargetProfile, edition: SmcEdition, explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  const target = profile.targets['alibaba-smc'];
  // A profile's quota belongs to the edition it names; another edition gets its documented quota.
  if (target?.quota !== undefined && target.edition === edition) return target.quota;
  const contract = loadContract(`alibaba-smc/CreateReplicationJob@${edition}`);
  const documented = statefulLimit(contract, 'job-quota');
  if (documented === undefined) throw new Error(`createEmulator: ${contract.id} states no job quota`);
  return documented;
}

/** Builds an emulator from a profile: its fixtures seed the state, its credentials turn on signature checks. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const profile = options.profile ?? loadProfile();
  const unknown = (options.faults ?? []).filter((f) => !isFaultName(f));
  if (unknown.length > 0) throw new Error(`createEmulator: unknown fault ${unknown.join(', ')}`);
  const active = new Set(options.faults as readonly FaultName[] | undefined);
  const clock = options.clock ?? systemClock;
  const smcTarget = profile.targets['alibaba-smc'];
  const dcsTarget = profile.targets['huawei-dcs'];
  const edition = options.edition ?? smcTarget?.edition ?? 'current';
  const smcContract = loadContract(`alibaba-smc/CreateReplicationJob@${edition}`);
  const dcsContracts = { migration: loadContract('huawei-dcs/CreateMigrationTask'), online: loadContract('huawei-dcs/CreateOnlineMigrationTask') };
  const store = createStore({
    ...(smcTarget ? { smc: { target: smcTarget, quota: smcQuota(profile, edition, options.quota) } } : {}),
    ...(dcsTarget ? { dcs: dcsTarget } : {}),
  });
  const readings = options.readings ?? new Map<string, string>();
  const problem = checkReadings([smcContract, dcsContracts.migration, dcsContracts.online], readings);
  if (problem) throw new Error(`createEmulator: ${problem}`);
  const settings: EmulatorSettings = { faults: active, clock, readings };
  const smc = store.smc ? createSmcService(smcContract, store.smc, settings) : undefined;
  const dcs = store.dcs ? createDcsService(dcsContracts, store.dcs, settings) : undefined;

  const handle = async (request: Request): Promise<Response> => {
    const isDcs = new URL(request.url).pathname.startsWith('/v2/');
    const contract = isDcs ? dcsContracts.migration : smcContract;
    try {
      const service = isDcs ? dcs : smc;
      // A target the profile lacks does not exist: the gateway's "no such API".
      const response = service ? await service(request) : errorResponse(contract, cataloguedError(contract, isDcs ? 'APIGW.0101' : 'InvalidAction.NotFound'));
      return await deformAnswer(response, active);
    } catch (error) {
      // A fault of the emulator itself: answered in the vendor's envelope, and visible as a 500 to any test.
      const internal = cataloguedError(contract, isDcs ? 'DCS.5000' : 'InternalError');
      return errorResponse(contract, { ...internal, message: `${internal.message} (emulator: ${(error as Error).message})` });
    }
  };
  const reset = () => {
    for (const map of [store.smc?.jobs, store.smc?.tokens, store.smc?.nonces, store.dcs?.tasks]) map?.clear();
  };
  return { handle, store, profile, edition, faults: [...active], readings, reset };
}

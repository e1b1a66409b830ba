import { loadContract } from '../src/contract/load.ts';
import { systemClock, type Clock } from '../src/keywords/clock.ts';
import { defaultProfilePath, loadProfile, type TargetProfile } from '../src/profile/load-profile.ts';
import { createDcsService } from './dcs-service.ts';
import { isFaultName, type FaultName } from './faults.ts';
import { alibabaError, dcsError } from './responses.ts';
import { createSmcService } from './smc-service.ts';
import { createStore, type Store } from './store.ts';

/** Options of {@link createEmulator}; every field has a default. */
export interface EmulatorOptions {
  /** Fixtures and credentials. @default profiles/default.json */
  readonly profile?: TargetProfile;
  /** The SMC doc edition to hold to. @default the profile's, else `current` */
  readonly edition?: '2019' | 'current';
  /** SMC job quota. @default the profile's, else the edition's documented quota */
  readonly quota?: number;
  /** Deliberate deviations (see faults.ts). @default none */
  readonly faults?: readonly string[];
  readonly clock?: Clock;
}

/** The reference emulator: one state, both vendors. `/v2/…` paths are DCS, everything else SMC RPC. */
export interface Emulator {
  readonly handle: (request: Request) => Promise<Response>;
  readonly store: Store;
  readonly profile: TargetProfile;
  readonly edition: '2019' | 'current';
}

/** Post-processing faults: what the answer looks like rather than what it decides. */
async function deform(response: Response, faults: ReadonlySet<FaultName>): Promise<Response> {
  const shaping: readonly FaultName[] = ['missing-request-id', 'error-without-code', 'text-content-type', 'dcs-long-error-code', 'error-body-not-json', 'undocumented-code', 'dcs-online-missing-id'];
  if (!shaping.some((f) => faults.has(f))) return response;
  let body = await response.text();
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    if (faults.has('missing-request-id')) delete json['RequestId'];
    if (faults.has('error-without-code') && response.status >= 400) delete json['Code'];
    if (faults.has('dcs-long-error-code') && typeof json['error_code'] === 'string') json['error_code'] = `${json['error_code']}.0001`;
    if (faults.has('undocumented-code') && (json['Code'] === 'InvalidParameter' || json['Code'] === 'MissingParameter')) json['Code'] = 'InvalidParam.Value';
    if (faults.has('dcs-online-missing-id')) delete json['instance_id'];
    body = faults.has('error-body-not-json') && response.status >= 400 ? 'Bad Request' : JSON.stringify(json);
  } catch {
    // not JSON: leave the body alone
  }
  const headers = new Headers(response.headers);
  if (faults.has('text-content-type')) headers.set('content-type', 'text/plain;charset=utf-8');
  return new Response(body, { status: response.status, headers });
}

/** Builds an emulator from a profile: its fixtures seed the state, its credentials turn on signature checks. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const profile = options.profile ?? loadProfile(defaultProfilePath);
  const unknown = (options.faults ?? []).filter((f) => !isFaultName(f));
  if (unknown.length > 0) throw new Error(`createEmulator: unknown fault ${unknown.join(', ')}`);
  const faults = new Set(options.faults as FaultName[] | undefined);
  const clock = options.clock ?? systemClock;
  const smcTarget = profile.targets['alibaba-smc'];
  const edition = options.edition ?? smcTarget?.edition ?? 'current';
  const store = createStore({ ...(smcTarget ? { smc: { ...smcTarget, edition } } : {}), ...(profile.targets['huawei-dcs'] ? { dcs: profile.targets['huawei-dcs'] } : {}) }, options.quota);
  const smc = store.smc ? createSmcService(loadContract(`alibaba-smc/CreateReplicationJob@${edition}`), store.smc, faults, clock) : undefined;
  const dcs = store.dcs
    ? createDcsService({ migration: loadContract('huawei-dcs/CreateMigrationTask'), online: loadContract('huawei-dcs/CreateOnlineMigrationTask') }, store.dcs, faults, clock)
    : undefined;
  const handle = async (request: Request): Promise<Response> => {
    const isDcs = new URL(request.url).pathname.startsWith('/v2/');
    try {
      if (isDcs && dcs) return await deform(await dcs(request), faults);
      if (!isDcs && smc) return await deform(await smc(request), faults);
      return isDcs ? dcsError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment.') : alibabaError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    } catch (error) {
      // A fault of the emulator itself: answered in the vendor's envelope, and visible as a 500 to any test.
      const message = `emulator error: ${(error as Error).message}`;
      return isDcs ? dcsError(500, 'DCS.5000', message) : alibabaError(500, 'InternalError', message);
    }
  };
  return { handle, store, profile, edition };
}

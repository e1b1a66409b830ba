import { checkDrift, checkReadings, createEmulator, movesOf, routeOf, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { apiIds, editionOf, productOf, type ApiId } from '../contract/apis.ts';
import { loadAllContracts, loadContract } from '../contract/load.ts';
import { loadProfile, type TargetProfile } from '../profile/load-profile.ts';
import { targetFor, type Target } from '../runner/target.ts';

/** The embedded emulator: every discovered operation, on as few loopback servers as their routes allow. */
export interface EmbeddedTargets {
  readonly apis: ApiId[];
  readonly targets: Partial<Record<ApiId, Target>>;
  readonly close: () => Promise<void>;
}

/** How the embedded emulator behaves: deliberate faults, a job quota, the readings it follows, the bounds it moved. */
export interface EmbeddedOptions {
  readonly faults?: readonly string[];
  /** The quota of every operation's `job-quota` rule. @default each operation's own (the profile's for its edition, else the documented one) */
  readonly quota?: number;
  readonly readings?: ReadonlyMap<string, string>;
  /** Bounds moved away from the documents, by range, length or count rule id (see `EmulatorOptions.drift`). @default none */
  readonly drift?: ReadonlyMap<string, number>;
}

/** The operations in groups whose routes differ: two editions of one operation cannot share an emulator. */
function routeGroups(apis: readonly ApiId[]): ApiId[][] {
  const groups: ApiId[][] = [];
  for (const api of apis) {
    const route = routeOf(loadContract(api));
    const group = groups.find((g) => g.every((other) => routeOf(loadContract(other)) !== route));
    if (group) group.push(api);
    else groups.push([api]);
  }
  return groups;
}

/** The profile's target of an API, pointed at a server, holding to the API's edition and the server's quota. */
function embeddedTarget(profile: TargetProfile, api: ApiId, endpoint: string, quota: number | undefined): Target {
  const edition = editionOf(api);
  const config = (profile.targets as Record<string, Target['config'] | undefined>)[productOf(api)];
  const onServer = { ...profile, targets: { ...profile.targets, [productOf(api)]: { ...config, endpoint, ...(config && 'edition' in config && edition ? { edition } : {}) } } } as TargetProfile;
  const target = targetFor(onServer, api);
  return quota !== undefined && 'quota' in target.config ? ({ ...target, config: { ...target.config, quota } } as Target) : target;
}

/** Starts the embedded emulator for every operation the profile (default: profiles/default.json) has a product target for. */
export async function startEmbeddedTargets(profile: TargetProfile = loadProfile(), options: EmbeddedOptions = {}): Promise<EmbeddedTargets> {
  const readings = options.readings ?? new Map<string, string>();
  // A reading must be one of some contract's; each emulator follows those its own contracts have.
  const problem = checkReadings(loadAllContracts(), readings);
  if (problem) throw new Error(`createEmulator: ${problem}`);
  // Every operation (every edition) of the products the profile has a target for.
  const apis = apiIds.filter((api) => productOf(api) in profile.targets);
  // A moved bound must be one of some served operation's; each emulator moves those its own contracts have.
  const drift = options.drift ?? new Map<string, number>();
  const driftProblem = checkDrift(apis.map((api) => loadContract(api)), drift);
  if (driftProblem) throw new Error(`createEmulator: ${driftProblem}`);
  const servers: EmulatorServer[] = [];
  const targets: Partial<Record<ApiId, Target>> = {};
  try {
    for (const group of routeGroups(apis)) {
      const own = group.map((api) => loadContract(api));
      const chosen = new Map([...readings].filter(([id]) => own.some((c) => c.readings.some((r) => r.id === id))));
      const moves = new Map(own.flatMap((c) => [...movesOf(c, drift)]));
      const emulator = createEmulator({ profile, apis: group, ...(options.faults ? { faults: options.faults } : {}), ...(options.quota !== undefined ? { quota: options.quota } : {}), readings: chosen, drift: moves });
      const server = await startEmulatorServer(emulator);
      servers.push(server);
      for (const api of group) targets[api] = embeddedTarget(profile, api, server.url, emulator.statefulLimit(api, 'job-quota'));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  return { apis: apis.filter((api) => targets[api] !== undefined), targets, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

import { checkReadings, createEmulator, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import { loadAllContracts, loadContract } from '../contract/load.ts';
import type { ApiId } from '../contract/apis.ts';
import { loadProfile, type TargetProfile } from '../profile/load-profile.ts';
import type { Target } from './target.ts';

/** The embedded emulator, one server per SMC edition (the DCS APIs share the current one), on loopback ports. */
export interface EmbeddedTargets {
  /** The default profile with the current server's endpoints. */
  readonly profile: TargetProfile;
  readonly apis: ApiId[];
  readonly targets: Partial<Record<ApiId, Target>>;
  readonly close: () => Promise<void>;
}

/** How the embedded emulator behaves: deliberate faults, a job quota, the readings it follows. */
export interface EmbeddedOptions {
  readonly faults?: readonly string[];
  /** The SMC job quota of both editions. @default each edition's own (the profile's for its edition, else the documented one) */
  readonly quota?: number;
  readonly readings?: ReadonlyMap<string, string>;
}

/** Starts the embedded emulator for every API, seeded from the default profile (or `profile`). */
export async function startEmbeddedTargets(profile: TargetProfile = loadProfile(), options: EmbeddedOptions = {}): Promise<EmbeddedTargets> {
  const servers: EmulatorServer[] = [];
  const targets: Partial<Record<ApiId, Target>> = {};
  let current: TargetProfile = profile;
  // A reading must be one of some contract's; each edition's emulator follows those its own contracts have.
  const problem = checkReadings(loadAllContracts(), options.readings ?? new Map());
  if (problem) throw new Error(`createEmulator: ${problem}`);
  for (const edition of ['2019', 'current'] as const) {
    const own = [`alibaba-smc/CreateReplicationJob@${edition}`, 'huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask'].map((id) => loadContract(id as ApiId));
    const readings = new Map([...(options.readings ?? new Map<string, string>())].filter(([id]) => own.some((c) => c.readings.some((r) => r.id === id))));
    const emulator = createEmulator({ profile, edition, ...(options.faults ? { faults: options.faults } : {}), ...(options.quota !== undefined ? { quota: options.quota } : {}), readings });
    const server = await startEmulatorServer(emulator);
    servers.push(server);
    const smc = profile.targets['alibaba-smc'];
    // The target's quota is the one this edition's emulator enforces.
    if (smc && emulator.store.smc) targets[`alibaba-smc/CreateReplicationJob@${edition}`] = { vendor: 'alibaba', config: { ...smc, edition, endpoint: server.url, quota: emulator.store.smc.quota } };
    const dcs = profile.targets['huawei-dcs'];
    if (dcs && edition === 'current') {
      targets['huawei-dcs/CreateMigrationTask'] = { vendor: 'huawei', config: { ...dcs, endpoint: server.url } };
      targets['huawei-dcs/CreateOnlineMigrationTask'] = { vendor: 'huawei', config: { ...dcs, endpoint: server.url } };
      current = { targets: { ...(smc ? { 'alibaba-smc': { ...smc, endpoint: server.url } } : {}), 'huawei-dcs': { ...dcs, endpoint: server.url } } };
    }
  }
  return { profile: current, apis: Object.keys(targets) as ApiId[], targets, close: async () => void (await Promise.all(servers.map((s) => s.close()))) };
}

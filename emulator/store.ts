import type { AlibabaSmcTarget, HuaweiDcsTarget } from '../src/profile/load-profile.ts';

/** A replication job the emulator holds; every job it creates is incomplete (Ready) until deleted. */
export interface Job {
  readonly id: string;
  readonly sourceId: string;
  readonly name?: string;
  readonly imageName?: string;
  readonly clientToken?: string;
}

/** A DCS migration task. */
export interface Task {
  readonly id: string;
  readonly kind: 'migration' | 'online';
  readonly name: string;
}

/** Everything the emulator remembers, seeded from the profile's fixtures. */
export interface Store {
  readonly smc?: {
    readonly target: AlibabaSmcTarget;
    readonly quota: number;
    readonly jobs: Map<string, Job>;
    /** ClientToken → JobId of the request that first used it. */
    readonly tokens: Map<string, string>;
    readonly nonces: Set<string>;
  };
  readonly dcs?: {
    readonly target: HuaweiDcsTarget;
    readonly tasks: Map<string, Task>;
  };
}

/** A fresh store for the profile's targets. */
export function createStore(targets: { smc?: AlibabaSmcTarget; dcs?: HuaweiDcsTarget }, quota?: number): Store {
  return {
    ...(targets.smc ? { smc: { target: targets.smc, quota: quota ?? targets.smc.quota ?? (targets.smc.edition === '2019' ? 100 : 1000), jobs: new Map(), tokens: new Map(), nonces: new Set() } } : {}),
    ...(targets.dcs ? { dcs: { target: targets.dcs, tasks: new Map() } } : {}),
  };
}

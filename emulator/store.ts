import type { AlibabaSmcTarget, HuaweiDcsTarget } from '../src/profile/load-profile.ts';

/** A replication job the emulator holds; every job it creates stays incomplete (Ready) until deleted. */
export interface Job {
  readonly id: string;
  readonly sourceId: string;
  /** One of the contract's incomplete states: jobs never run here. */
  readonly state: string;
  readonly name?: string;
  readonly imageName?: string;
  readonly clientToken?: string;
}

/** A DCS migration task, of either create operation. */
export interface Task {
  readonly id: string;
  readonly kind: 'migration' | 'online';
  readonly name: string;
}

/** What the SMC endpoint remembers. */
export interface SmcState {
  readonly target: AlibabaSmcTarget;
  readonly quota: number;
  readonly jobs: Map<string, Job>;
  /** ClientToken → JobId of the request that first used it. */
  readonly tokens: Map<string, string>;
  /** Signature nonces seen (signature 1.0 and ACS3), refused when reused. */
  readonly nonces: Set<string>;
}

/** What the DCS endpoints remember. */
export interface DcsState {
  readonly target: HuaweiDcsTarget;
  readonly tasks: Map<string, Task>;
}

/** Everything the emulator remembers, seeded from the profile's fixtures; a target the profile lacks has no state. */
export interface Store {
  readonly smc?: SmcState;
  readonly dcs?: DcsState;
}

/** A fresh store for the profile's targets; `quota` is the SMC job quota already chosen for the run. */
export function createStore(targets: { smc?: { target: AlibabaSmcTarget; quota: number }; dcs?: HuaweiDcsTarget }): Store {
  return {
    ...(targets.smc ? { smc: { target: targets.smc.target, quota: targets.smc.quota, jobs: new Map(), tokens: new Map(), nonces: new Set() } } : {}),
    ...(targets.dcs ? { dcs: { target: targets.dcs, tasks: new Map() } } : {}),
  };
}

import { adapterOf, type Target } from '../adapters/index.ts';
import { apiIds, editionOf, productOf, type ApiId } from '../contract/apis.ts';
import { loadContract } from '../contract/load.ts';
import { UsageError } from '../errors/index.ts';
import type { TargetProfile } from '../profile/load-profile.ts';

export type { Target } from '../adapters/index.ts';

/** The profile's target of an API's product, if it has one, with the vendor of the API's contract. */
function profileTarget(profile: TargetProfile, api: ApiId): Target | undefined {
  const config = (profile.targets as Record<string, Target['config'] | undefined>)[productOf(api)];
  return config ? ({ vendor: loadContract(api).document.vendor, config } as Target) : undefined;
}

/** Whether a target serves an API's edition: a target that names an edition serves that one only. */
function servesEdition(target: Target, api: ApiId): boolean {
  const edition = 'edition' in target.config ? target.config.edition : undefined;
  return edition === undefined || editionOf(api) === undefined || editionOf(api) === edition;
}

/** The APIs a profile covers: every operation of each product it has a target for, of the target's edition. */
export function apisOfProfile(profile: TargetProfile): ApiId[] {
  return apiIds.filter((api) => {
    const target = profileTarget(profile, api);
    return target !== undefined && servesEdition(target, api);
  });
}

/** The profile's target for an API's product, whatever edition it names (a probe compares editions), or a usage error. */
export function productTargetFor(profile: TargetProfile, api: ApiId): Target {
  const target = profileTarget(profile, api);
  if (!target) throw new UsageError(`the profile has no ${productOf(api)} target for ${api}`);
  return target;
}

/** The profile's target for an API, or a usage error naming what is missing. */
export function targetFor(profile: TargetProfile, api: ApiId): Target {
  const target = productTargetFor(profile, api);
  if (!servesEdition(target, api)) throw new UsageError(`${api} needs a ${productOf(api)} target of edition ${editionOf(api)}; the profile's is ${'edition' in target.config ? target.config.edition : 'none'}`);
  return target;
}

/** Whether an endpoint is on this machine's loopback (where creating resources is harmless). */
export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Fills a target's missing credentials from its vendor's usual environment variables (ALIBABA_CLOUD_…,
 * HUAWEICLOUD_…; see the README). A profile's own credentials win.
 */
export function withEnvironmentCredentials(target: Target, env: NodeJS.ProcessEnv = process.env): Target {
  return adapterOf(target).withEnvironmentCredentials(target, env);
}

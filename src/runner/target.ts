import type { ApiId } from '../contract/apis.ts';
import { UsageError } from '../errors/index.ts';
import type { AlibabaSmcTarget, HuaweiDcsTarget, TargetProfile } from '../profile/load-profile.ts';

/** The target an API is run against, as the profile describes it. */
export type Target = { readonly vendor: 'alibaba'; readonly config: AlibabaSmcTarget } | { readonly vendor: 'huawei'; readonly config: HuaweiDcsTarget };

/** The APIs a profile covers: the SMC target's edition, and both DCS operations. */
export function apisOfProfile(profile: TargetProfile): ApiId[] {
  const apis: ApiId[] = [];
  const smc = profile.targets['alibaba-smc'];
  if (smc) apis.push(`alibaba-smc/CreateReplicationJob@${smc.edition}`);
  if (profile.targets['huawei-dcs']) apis.push('huawei-dcs/CreateMigrationTask', 'huawei-dcs/CreateOnlineMigrationTask');
  return apis;
}

/** The profile's target for an API, or a usage error naming what is missing. */
export function targetFor(profile: TargetProfile, api: ApiId): Target {
  if (api.startsWith('alibaba-smc/')) {
    const config = profile.targets['alibaba-smc'];
    if (!config) throw new UsageError(`the profile has no alibaba-smc target for ${api}`);
    const edition = api.split('@')[1];
    if (config.edition !== edition) throw new UsageError(`${api} needs an alibaba-smc target of edition ${edition}; the profile's is ${config.edition}`);
    return { vendor: 'alibaba', config };
  }
  const config = profile.targets['huawei-dcs'];
  if (!config) throw new UsageError(`the profile has no huawei-dcs target for ${api}`);
  return { vendor: 'huawei', config };
}

/**
 * The pre-flight request's document: one that validation must refuse while authentication accepts it,
 * with nothing but what routes it (the SMC region); every required business parameter is missing.
 */
export function preflightDocument(target: Target): Record<string, unknown> {
  return target.vendor === 'alibaba' ? { RegionId: target.config.regionId } : {};
}

/** What to check when a target refuses the credentials, in the vendor's terms. */
export function credentialHints(target: Target): string {
  return target.vendor === 'alibaba'
    ? `check the AccessKey id and secret (profile or ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET), the signature method, the region (${target.config.regionId}) and this machine's clock`
    : `check the AK/SK or token (profile or HUAWEICLOUD_SDK_AK/_SK, HUAWEICLOUD_X_AUTH_TOKEN), the project id (${target.config.projectId}) and the region of the endpoint`;
}

/** Whether an endpoint is on this machine's loopback (where creating resources is harmless). */
export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Fills a target's missing credentials from the vendors' usual environment variables:
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, HUAWEICLOUD_SDK_AK / _SK,
 * or HUAWEICLOUD_X_AUTH_TOKEN for an IAM token. A profile's own credentials win.
 */
export function withEnvironmentCredentials(target: Target, env: NodeJS.ProcessEnv = process.env): Target {
  if (target.config.credentials) return target;
  if (target.vendor === 'alibaba') {
    const id = env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
    const secret = env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
    const token = env['ALIBABA_CLOUD_SECURITY_TOKEN'];
    return id && secret ? { vendor: 'alibaba', config: { ...target.config, credentials: { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) } } } : target;
  }
  const ak = env['HUAWEICLOUD_SDK_AK'];
  const sk = env['HUAWEICLOUD_SDK_SK'];
  const token = env['HUAWEICLOUD_X_AUTH_TOKEN'];
  if (ak && sk) return { vendor: 'huawei', config: { ...target.config, credentials: { ak, sk } } };
  return token ? { vendor: 'huawei', config: { ...target.config, credentials: { token } } } : target;
}

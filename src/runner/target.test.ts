import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profile/load-profile.ts';
import { isLoopback, withEnvironmentCredentials } from './target.ts';

const profile = loadProfile();
const smc = { vendor: 'alibaba' as const, config: profile.targets['alibaba-smc']! };
const dcs = { vendor: 'huawei' as const, config: profile.targets['huawei-dcs']! };

describe('withEnvironmentCredentials', () => {
  it("reads the vendors' variables when the profile has no credentials", () => {
    expect(withEnvironmentCredentials(smc, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', ALIBABA_CLOUD_SECURITY_TOKEN: 't' }).config.credentials).toEqual({ accessKeyId: 'id', accessKeySecret: 's', securityToken: 't' });
    expect(withEnvironmentCredentials(dcs, { HUAWEICLOUD_SDK_AK: 'ak', HUAWEICLOUD_SDK_SK: 'sk' }).config.credentials).toEqual({ ak: 'ak', sk: 'sk' });
    expect(withEnvironmentCredentials(dcs, { HUAWEICLOUD_X_AUTH_TOKEN: 'tok' }).config.credentials).toEqual({ token: 'tok' });
    expect(withEnvironmentCredentials(smc, {}).config.credentials).toBeUndefined();
  });
  it("keeps the profile's own credentials", () => {
    const own = { vendor: 'alibaba' as const, config: { ...smc.config, credentials: { accessKeyId: 'mine', accessKeySecret: 'x' } } };
    expect(withEnvironmentCredentials(own, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' }).config.credentials).toMatchObject({ accessKeyId: 'mine' });
  });
});

describe('isLoopback', () => {
  it('knows loopback from the rest', () => {
    for (const url of ['http://127.0.0.1:1', 'http://localhost', 'http://[::1]:80', 'http://127.3.2.1']) expect(isLoopback(url), url).toBe(true);
    for (const url of ['https://smc.aliyuncs.com', 'http://10.0.0.1', 'http://128.0.0.1']) expect(isLoopback(url), url).toBe(false);
  });
});

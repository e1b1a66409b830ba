import { describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import { loadProfile } from '../profile/load-profile.ts';
import { addJob, createCall, emptyModel, predictCreate, removeJob } from './smc-model.ts';

const contract = loadContract('alibaba-smc/CreateReplicationJob@current');
const config = loadProfile().targets['alibaba-smc']!;
const [first, second] = config.fixtures.sources.filter((s) => s.state === 'Available');

describe('predictCreate after a delete', () => {
  it('leaves a deleted job\'s Name and ImageName open: the documents do not say when they are free again', () => {
    const model = emptyModel();
    addJob(model, createCall(contract, config, { source: first!, name: 'JobA', imageName: 'ImageA' }), 'j-1');
    expect(predictCreate(contract, config, model, createCall(contract, config, { source: second!, name: 'JobA' }))).toMatchObject({ outcome: 'refused', refusals: [{ rule: 'unique-job-name' }] });
    removeJob(model, 'j-1');
    expect(predictCreate(contract, config, model, createCall(contract, config, { source: second!, name: 'JobA' }))).toEqual({ outcome: 'undocumented', rule: 'unique-job-name' });
    expect(predictCreate(contract, config, model, createCall(contract, config, { source: second!, imageName: 'ImageA' }))).toEqual({ outcome: 'undocumented', rule: 'image-name-used-by-job' });
    expect(predictCreate(contract, config, model, createCall(contract, config, { source: first!, name: 'JobB' }))).toEqual({ outcome: 'created' });
  });

  it('leaves the quota open where only deleted jobs would fill it', () => {
    const model = emptyModel();
    const small = { ...config, quota: 1 };
    addJob(model, createCall(contract, small, { source: first! }), 'j-1');
    expect(predictCreate(contract, small, model, createCall(contract, small, { source: second! }))).toMatchObject({ outcome: 'refused', refusals: [{ rule: 'job-quota' }] });
    removeJob(model, 'j-1');
    expect(predictCreate(contract, small, model, createCall(contract, small, { source: second! }))).toEqual({ outcome: 'undocumented', rule: 'job-quota' });
  });
});

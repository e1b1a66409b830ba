import type fc from 'fast-check';
import { createCall, type CreateCall, type SmcModel } from '../smc-model.ts';
import { idle, sequenceCreate, type Real } from './world.ts';

/** The random choices of a create: indexes past a pool mean "not given". */
export interface CreateChoice {
  readonly source: number;
  readonly name: number;
  readonly image: number;
  readonly token: number;
  readonly disk: 'none' | 'existing' | 'missing';
  readonly net: 'none' | 'match' | 'mismatch';
}

/** A create on any source, with names, image names, tokens, data disks and network picked from small pools. */
export class Create implements fc.AsyncCommand<SmcModel, Real> {
  readonly choice: CreateChoice;
  constructor(choice: CreateChoice) {
    this.choice = choice;
  }
  check = (): boolean => true;
  async run(model: SmcModel, real: Real): Promise<void> {
    if (idle(real)) return;
    const { world } = real;
    const { contract } = world.context;
    const source = world.sources[this.choice.source % world.sources.length]!;
    const disks = source.dataDisks ?? [];
    const vpc = world.vpcs[0];
    const other = world.vpcs.find((v) => v.vpcId !== vpc?.vpcId && v.vSwitchIds.length > 0);
    const net = this.choice.net === 'match' && vpc?.vSwitchIds[0] ? { vpcId: vpc.vpcId, vSwitchId: vpc.vSwitchIds[0] } : this.choice.net === 'mismatch' && vpc && other ? { vpcId: vpc.vpcId, vSwitchId: other.vSwitchIds[0]! } : {};
    // An index the source lacks: the first of 1..16 it does not have (none when it has all sixteen).
    const missing = Array.from({ length: 16 }, (_, i) => i + 1).find((i) => !disks.some((d) => d.index === i));
    if (this.choice.disk === 'missing' && missing === undefined) return;
    const shape: Omit<CreateCall, 'document'> = {
      source,
      ...(this.choice.name < real.names.length ? { name: real.names[this.choice.name]! } : {}),
      ...(contract.document.edition === 'current' && this.choice.image < real.imageNames.length ? { imageName: real.imageNames[this.choice.image]! } : {}),
      ...(this.choice.token < real.tokens.length ? { token: real.tokens[this.choice.token]! } : {}),
      ...(this.choice.disk === 'existing' && disks[0] ? { dataDiskIndex: disks[0].index } : this.choice.disk === 'missing' ? { dataDiskIndex: missing! } : {}),
      ...net,
    };
    await sequenceCreate(model, real, createCall(contract, world.config, shape));
  }
  toString(): string {
    return `create(${JSON.stringify(this.choice)})`;
  }
}

import type { Contract } from '../contract/load.ts';
import type { ProtocolAdapter, Target, Vendor } from './adapter.ts';
import { alibabaRpc } from './alibaba-rpc/index.ts';
import { huaweiRest } from './huawei-rest/index.ts';

/** Every vendor protocol the suite speaks, by the vendor contracts name. A new vendor is one more adapter here. */
const adapters: Readonly<Record<Vendor, ProtocolAdapter>> = { alibaba: alibabaRpc, huawei: huaweiRest };

/** The adapter of a contract's vendor, or of a target's. */
export function adapterOf(of: Pick<Contract, 'document'> | Target): ProtocolAdapter {
  return adapters['document' in of ? of.document.vendor : of.vendor];
}

export { editsReference, uniqueEditedToken, uniqueToken } from './binding.ts';
export type { Binder, BoundCase, ProtocolAdapter, StarterTarget, Target, Vendor, WireMutation } from './adapter.ts';

import type { RequestCase } from '../../generators/request-case.ts';
import type { ParsedBody } from '../checks/check.ts';
import type { Contract } from '../contract/load.ts';
import type { AlibabaSmcTarget, HuaweiDcsTarget } from '../profile/load-profile.ts';
import type { WireRequest, WireResponse } from '../protocols/wire-request.ts';
import type { ResolveReference } from './references.ts';

/** The target an API is run against, as the profile describes it: its vendor's adapter reads `config`. */
export type Target = { readonly vendor: 'alibaba'; readonly config: AlibabaSmcTarget } | { readonly vendor: 'huawei'; readonly config: HuaweiDcsTarget };

/** A vendor as contracts name it (contract.json `vendor`). */
export type Vendor = Target['vendor'];

/** How a wire-level case breaks the protocol (wire-rules.schema.json `mutation`). */
export type WireMutation = Contract['wireRules']['rules'][number]['mutation'];

/** How a case ended for its fixtures: whether it created a resource, and whether one stays on the target. */
export interface CaseEnd {
  readonly created: boolean;
  readonly kept: boolean;
}

/** A case made concrete for one target: fixture ids in place, and the lease to end once the case is done. */
export interface BoundCase {
  readonly request: Record<string, unknown>;
  /**
   * Ends the fixture lease: `kept` when a created resource stays on the fixture (no cleanup, or cleanup
   * failed); `created` when the case created one at all (its names are then never given again).
   */
  readonly done: (outcome: CaseEnd) => void;
}

/** Binds cases to a target's fixtures, or says why the fixtures cannot hold the case. */
export interface Binder {
  bind(c: RequestCase): Promise<BoundCase | { readonly skipped: string }>;
  /** Fixtures left for cases that create something. */
  readonly capacity: () => number;
  /** Pointer templates (`*` for any index) of the values binding takes from fixtures: changing one of them changes which resource a case refers to. */
  readonly references: readonly string[];
}

/** A profile target to start from (`init`): placeholders where the account's own values go, and what to fill in. */
export interface StarterTarget {
  readonly config: Target['config'];
  /** One line per field to fill in, `field: what goes there`. */
  readonly toFill: readonly string[];
}

/**
 * One vendor protocol, everything the client side needs of it: building and signing requests (the
 * operation's, a wire-level case's, the cleanup call), reading error bodies, the pre-flight request,
 * the profile's target shape (credentials, secrets, fixtures). Nothing outside the adapters (and the
 * emulator's front ends) names a vendor: the rest asks the adapter of a contract's or target's vendor.
 */
export interface ProtocolAdapter {
  readonly vendor: Vendor;
  /** The operation's request: the document sent as the binding says, signed with the target's credentials. */
  readonly toWire: (contract: Contract, target: Target, document: Readonly<Record<string, unknown>>, now: Date) => WireRequest;
  /** A wire-level case: `document` sent with the protocol broken as `mutation` says, signed over what is sent. */
  readonly toBrokenWire: (contract: Contract, target: Target, mutation: WireMutation, document: Readonly<Record<string, unknown>>, now: Date) => WireRequest;
  /** The binding's cleanup call for a created resource: `request:`/`response:` references resolved by `resolve`, `profile:` ones from the target. */
  readonly toCleanupWire: (contract: Contract, target: Target, resolve: ResolveReference, now: Date) => WireRequest;
  /** The error code, message and request id of an answer, where the vendor puts them. */
  readonly parseBody: (response: WireResponse) => ParsedBody;
  /** Whether the vendor documents a request id in every answer (so its absence is a violation). */
  readonly requestIdRequired: boolean;
  /** The pre-flight request's document: validation must refuse it (every required business parameter missing), only what routes it set. */
  readonly preflightDocument: (target: Target) => Record<string, unknown>;
  /** What to check when the target refuses the credentials, in the vendor's terms. */
  readonly credentialHints: (target: Target) => string;
  /** The target with credentials from the vendor's usual environment variables where the profile has none. */
  readonly withEnvironmentCredentials: (target: Target, env: NodeJS.ProcessEnv) => Target;
  /** The target's secrets, to scrub from every finding. */
  readonly secretsOf: (target: Target) => string[];
  /** The binder of the target's fixtures. */
  readonly createBinder: (target: Target) => Binder;
  /** The target `init` writes into a new profile. */
  readonly starterTarget: StarterTarget;
}

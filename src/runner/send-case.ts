import { classifyAnswer, type Answer } from '../checks/answer.ts';
import type { ParsedBody } from '../checks/check.ts';
import { adapterOf } from '../adapters/index.ts';
import type { Contract } from '../contract/load.ts';
import type { Clock } from '../keywords/clock.ts';
import type { Exchange } from '../protocols/exchange.ts';
import type { WireRequest, WireResponse } from '../protocols/wire-request.ts';
import type { Target } from './target.ts';
import { send, type SendOptions } from './transport.ts';
import { toWire } from './wire.ts';

/** An exchange with its body read and its answer classified. */
export interface Answered {
  readonly exchange: Exchange;
  readonly body: ParsedBody;
  readonly answer: Answer;
}

/** Reads and classifies an exchange by the contract's catalogues. */
export function answeredOf(contract: Contract, exchange: Exchange): Answered {
  const body = 'response' in exchange ? adapterOf(contract).parseBody(exchange.response) : {};
  return { exchange, body, answer: classifyAnswer(contract, exchange, body) };
}

/** Whether a response is throttling, by the class its code has in the catalogues (or a bare 429). */
export function throttledBy(contract: Contract): (response: WireResponse) => boolean {
  return (response) => answeredOf(contract, { request: { method: '', url: '', headers: {} }, response, durationMs: 0, attempts: 1 }).answer.class === 'throttling';
}

/** Sends wire requests with the run's transport options, retrying throttled answers, and classifies what comes back. */
export function createSender(contract: Contract, options: Omit<SendOptions, 'throttled'>): (build: () => WireRequest) => Promise<Answered> {
  const sendOptions: SendOptions = { ...options, throttled: throttledBy(contract) };
  return async (build) => answeredOf(contract, await send(build, sendOptions));
}

/** Sends request documents of the contract's operation to a target, signed, at the clock's time. */
export function createDocumentSender(contract: Contract, target: Target, clock: Clock, options: Omit<SendOptions, 'throttled'>): (document: Readonly<Record<string, unknown>>) => Promise<Answered> {
  const sendWire = createSender(contract, options);
  return (document) => sendWire(() => toWire(contract, target, document, clock.now()));
}

import { faultsAt, type FaultName } from './faults.ts';

/** One `answer` fault: how it rewrites a parsed JSON body (in place). */
const bodyEdits: Partial<Record<FaultName, (body: Record<string, unknown>, status: number) => void>> = {
  'missing-request-id': (body) => delete body['RequestId'],
  'error-without-code': (body, status) => void (status >= 400 && delete body['Code']),
  'undocumented-code': (body) => void ((body['Code'] === 'InvalidParameter' || body['Code'] === 'MissingParameter') && (body['Code'] = 'InvalidParam.Value')),
  'dcs-long-error-code': (body) => void (typeof body['error_code'] === 'string' && (body['error_code'] = `${body['error_code']}.0001`)),
  'dcs-status-outside-enum': (body) => void (typeof body['status'] === 'string' && (body['status'] = 'RUNNING')),
  'dcs-online-missing-id': (body) => delete body['instance_id'],
};

/**
 * Applies the active `answer` faults to a finished response: what the answer looks like, never what
 * the emulator decided. Without such faults the response passes through untouched.
 */
export async function deformAnswer(response: Response, active: ReadonlySet<FaultName>): Promise<Response> {
  const shaping = new Set(faultsAt(active, 'answer').map((f) => f.name));
  if (shaping.size === 0) return response;
  let text = await response.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const name of shaping) bodyEdits[name]?.(body, response.status);
    text = shaping.has('error-body-not-json') && response.status >= 400 ? 'Bad Request' : JSON.stringify(body);
  } catch {
    // Not JSON: nothing to rewrite.
  }
  const headers = new Headers(response.headers);
  if (shaping.has('text-content-type')) headers.set('content-type', 'text/plain;charset=utf-8');
  return new Response(text, { status: response.status, headers });
}

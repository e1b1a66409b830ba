import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema } from '../contract/validator.ts';
import { schemasDir } from '../contract/load.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import { ProfileError } from '../errors/index.ts';
import type { TargetProfile } from '../generated/profile.ts';

/** The profile that ships with the project: the embedded emulator's fixtures. */
export const defaultProfilePath = fileURLToPath(new URL('../../profiles/default.json', import.meta.url));

let validateProfile: ReturnType<typeof compileSchema> | undefined;

/** Checks a parsed profile against schemas/profile.schema.json; throws a {@link ProfileError} naming every problem. */
export function parseProfile(value: unknown, origin = 'profile'): TargetProfile {
  validateProfile ??= compileSchema(JSON.parse(readFileSync(path.join(schemasDir, 'profile.schema.json'), 'utf8')) as SchemaNode);
  if (!validateProfile(value)) {
    const problems = (validateProfile.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    throw new ProfileError(`${origin} does not match schemas/profile.schema.json:\n${[...new Set(problems)].join('\n')}`);
  }
  return value as TargetProfile;
}

/** Reads and checks a profile file; the default profile when `file` is undefined. */
export function loadProfile(file: string = defaultProfilePath): TargetProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ProfileError(`cannot read profile ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ProfileError(`profile ${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
  return parseProfile(parsed, `profile ${file}`);
}

export type { AlibabaSmcTarget, HuaweiDcsTarget, TargetProfile } from '../generated/profile.ts';

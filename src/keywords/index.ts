import type { KeywordDefinition } from './keyword.ts';
import { enumKeyword } from './enum.ts';
import { enumIgnoringCase } from './enumIgnoringCase.ts';
import { firstCharacter } from './firstCharacter.ts';
import { forbiddenPrefixes } from './forbiddenPrefixes.ts';
import { jsonObject } from './jsonObject.ts';
import { format } from './format.ts';
import { maximum } from './maximum.ts';
import { maxItems } from './maxItems.ts';
import { maxLength } from './maxLength.ts';
import { minimum } from './minimum.ts';
import { minItems } from './minItems.ts';
import { minLength } from './minLength.ts';
import { pattern } from './pattern.ts';
import { required } from './required.ts';
import { requiredWhen } from './requiredWhen.ts';
import { timeWindow } from './timeWindow.ts';
import { type } from './type.ts';

/** Every constraint keyword of the contract, in the order rules are listed. */
export const keywords: readonly KeywordDefinition[] = [
  // presence
  required,
  requiredWhen,
  // shape
  type,
  enumKeyword,
  enumIgnoringCase,
  format,
  jsonObject,
  pattern,
  // limits
  minimum,
  maximum,
  minLength,
  maxLength,
  minItems,
  maxItems,
  // our vocabulary
  firstCharacter,
  forbiddenPrefixes,
  timeWindow,
];

/**
 * Keywords that carry meaning but no constraint: provenance, notes, and what a value refers to
 * (`x-refers-to`: a resource that must exist and that no profile fixture stands for).
 */
export const annotationKeywords = ['x-source', 'x-note', 'x-refers-to'] as const;

export type { KeywordContext, KeywordDefinition } from './keyword.ts';

/**
 * Test support: fast-check arbitraries for wire text. `fc.string({ unit: 'binary' })`
 * is slow in fast-check 4, so this mixes the interesting characters directly.
 *
 * @module
 */

import fc from 'fast-check';

const special = fc.constantFrom(' ', '*', '~', '!', "'", '(', ')', '%', '+', '&', '=', '.', '/', ':', '中', 'é', '😀', '\u0000', '\u007f');
const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const bmp = fc.integer({ min: 0x80, max: 0xd7ff }).map((code) => String.fromCharCode(code));
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

/** Well-formed Unicode text weighted towards characters that need encoding. */
export function wireText(maxLength = 12): fc.Arbitrary<string> {
  return fc.string({ unit: fc.oneof(special, printableAscii, printableAscii, bmp, astral), maxLength });
}

/** Text made safe for the Markdown reports: endpoint bytes stay text, tables keep their shape, code blocks stay closed. */

/** A fenced code block that no run of backticks inside it can close early. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${text}\n${ticks}`;
}

/** Text in a table cell: a `|` would start another cell, a line break would end the row. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Text from a run (reasons, messages: endpoint bytes among them) as plain text on one line: no markup gets through. */
export function text(value: string): string {
  return cell(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text as an inline code span on one line (backticks become quotes). */
export function code(text: string): string {
  return `\`${cell(text).replace(/`/g, "'")}\``;
}

/** A job summary or pull-request comment holds 65,536 characters: a Markdown report stays under as many bytes of UTF-8 (never fewer than characters). */
export const markdownLimit = 64 * 1024;

const encoder = new TextEncoder();

/** Size in UTF-8, the unit the limit is in. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** The longest start of `value` that fits in `bytes` of UTF-8, never splitting a character. */
export function clipBytes(value: string, bytes: number): string {
  return value.slice(0, encoder.encodeInto(value, new Uint8Array(Math.max(0, bytes))).read);
}

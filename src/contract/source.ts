/** Where a rule comes from: a seed document (by its number) or the wire-protocol reference, with verbatim text. */
export interface Source {
  readonly seed: '000' | '001' | '003' | '004' | 'reference';
  readonly quote: string;
}

/** A one-line citation for messages: `seed 001: "Valid values: 20 to 2048."`. */
export function formatSource(source: readonly Source[]): string {
  return source
    .map((s) => `${s.seed === 'reference' ? 'reference' : `seed ${s.seed}`}: "${s.quote.replace(/\s+/g, ' ').trim()}"`)
    .join('; ');
}

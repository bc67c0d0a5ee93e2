// Establishment codes are typed by students from a poster: short, and made of
// characters that cannot be confused (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
export const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY";
export const CODE_LENGTH = 6;

/** A new code from the given random bytes (at least CODE_LENGTH of them). */
export function establishmentCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError("not enough random bytes");
  let code = "";
  // 256 is not a multiple of the alphabet size; reject biased bytes.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  for (const b of bytes) {
    if (b >= limit) continue;
    code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (code.length === CODE_LENGTH) return code;
  }
  throw new RangeError("not enough unbiased random bytes");
}

/** What a student typed, made comparable: upper case, spaces and dashes dropped. */
export function normaliseEstablishmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

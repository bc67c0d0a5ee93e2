import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, establishmentCodeFrom, normaliseEstablishmentCode } from "@/lib/domain/establishment-code";

describe("establishment codes", () => {
  it("uses only unambiguous characters", () => {
    for (const c of ["0", "O", "1", "I", "L", "5", "S", "2", "Z", "8", "B", "U", "V"]) expect(CODE_ALPHABET).not.toContain(c);
  });

  it("maps random bytes to 6 characters of the alphabet, skipping biased bytes", () => {
    expect(establishmentCodeFrom(Uint8Array.from([0, 1, 2, 3, 4, 5]))).toBe("34679A");
    // 253..255 are above the largest multiple of 23 below 256 (253) and are skipped.
    expect(establishmentCodeFrom(Uint8Array.from([255, 254, 253, 22, 0, 1, 2, 3, 4]))).toBe("Y34679");
    expect(() => establishmentCodeFrom(Uint8Array.from([255, 255, 255, 255, 255, 255, 255]))).toThrow(RangeError);
  });

  it("normalises what a student types", () => {
    expect(normaliseEstablishmentCode(" k7q-x3a ")).toBe("K7QX3A");
  });
});

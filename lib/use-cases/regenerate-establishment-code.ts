import "server-only";
// Staff replace their library's establishment code (e.g. it circulates outside
// the library): a new random code, unique among libraries. The printed posters
// must then be reprinted. Authorised by the library's staff secret until staff
// login exists.
import { randomBytes } from "node:crypto";
import { findLibraryForStaff, setEstablishmentCode } from "@/lib/data/presence";
import { isConflict } from "@/lib/data/tx";
import { DomainError } from "@/lib/domain/errors";
import { establishmentCodeFrom } from "@/lib/domain/establishment-code";

const ATTEMPTS = 5;

/** Returns the new code. Throws DomainError("forbidden") when the secret does not open this library. */
export async function regenerateEstablishmentCode(input: {
  slug: string;
  staffSecret: string;
  now: Date;
  /** Random source, for tests (defaults to crypto.randomBytes). */
  random?: (n: number) => Uint8Array;
}): Promise<{ code: string }> {
  const library = await findLibraryForStaff(input.slug, input.staffSecret);
  if (!library) throw new DomainError("forbidden");
  const random = input.random ?? randomBytes;
  for (let attempt = 1; ; attempt++) {
    const code = establishmentCodeFrom(random(32));
    if (code === library.establishmentCode) continue;
    try {
      await setEstablishmentCode(library.id, code, input.now);
      return { code };
    } catch (e) {
      // Another library has this code (the unique index says so): draw again.
      if (!isConflict(e) || attempt >= ATTEMPTS) throw e;
    }
  }
}

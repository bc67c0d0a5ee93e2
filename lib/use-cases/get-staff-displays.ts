import "server-only";
// What the staff pages of a library show: the printable poster (static code and
// its QR code) and the kiosk screen (rotating code). Both are opened with the
// library's staff secret until staff login exists; null means "not found" to
// the page, whether the library is unknown or the secret wrong.
import QRCode from "qrcode";
import { findLibraryForStaff } from "@/lib/data/presence";
import { currentRotatingCode, ROTATING_CODE_PERIOD_MS } from "@/lib/domain/rotating-code";
import { validateUrl } from "@/lib/links";

export interface StaffLibraryView {
  slug: string;
  name: string;
  city: string;
  timeZone: string;
  rotatingCodeEnabled: boolean;
  validationOpensBeforeMinutes: number;
  validationWindowMinutes: number;
}

export interface DisplayedCode {
  code: string;
  /** The URL the QR code opens: APP_URL/reservation/validate?code=… */
  url: string;
  /** The QR code as an SVG document (from `qrcode`). */
  qrSvg: string;
}

async function displayed(code: string): Promise<DisplayedCode> {
  const url = validateUrl({ code });
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { code, url, qrSvg };
}

const view = (l: StaffLibraryView): StaffLibraryView => ({
  slug: l.slug,
  name: l.name,
  city: l.city,
  timeZone: l.timeZone,
  rotatingCodeEnabled: l.rotatingCodeEnabled,
  validationOpensBeforeMinutes: l.validationOpensBeforeMinutes,
  validationWindowMinutes: l.validationWindowMinutes,
});

/** The poster of a library: its printed establishment code and QR code. */
export async function getValidationPoster(input: { slug: string; staffSecret: string }): Promise<{ library: StaffLibraryView; poster: DisplayedCode } | null> {
  const library = await findLibraryForStaff(input.slug, input.staffSecret);
  if (!library) return null;
  return { library: view(library), poster: await displayed(library.establishmentCode) };
}

/** The kiosk screen: the rotating code of `now` when the library uses them, with when to refresh. */
export async function getKioskCode(input: {
  slug: string;
  staffSecret: string;
  now: Date;
}): Promise<
  | { library: StaffLibraryView; rotating: false; staticCode: string }
  | { library: StaffLibraryView; rotating: true; display: DisplayedCode; expiresAt: Date; periodMinutes: number }
  | null
> {
  const library = await findLibraryForStaff(input.slug, input.staffSecret);
  if (!library) return null;
  if (!library.rotatingCodeEnabled) return { library: view(library), rotating: false, staticCode: library.establishmentCode };
  const current = currentRotatingCode(library.rotatingCodeSecret, input.now);
  return {
    library: view(library),
    rotating: true,
    display: await displayed(current.code),
    expiresAt: current.expiresAt,
    periodMinutes: ROTATING_CODE_PERIOD_MS / 60_000,
  };
}

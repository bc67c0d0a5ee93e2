// Demo data: three fictional university libraries in three French cities.
// Closures are placed relative to `now`, so the demo always has one coming.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { establishmentCodeFrom } from "@/lib/domain/establishment-code";
import { addDays, localDateOf, zonedInstant } from "@/lib/domain/time";

type Hours = Array<[weekday: number, opens: string, closes: string]>;

interface AreaSeed {
  slug: string;
  name: string;
  description: string;
  slotMinutes?: number;
  minDurationMinutes?: number;
  maxDurationMinutes?: number;
  seats?: { count: number; prefix: string; features: (n: number) => string[] };
  rooms?: Array<{ label: string; capacity: number; features: string[] }>;
}

interface LibrarySeed {
  slug: string;
  name: string;
  city: string;
  address: string;
  hours: Hours;
  areas: AreaSeed[];
  closure: { inDays: number; reason: string };
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
};

const weekdays = (from: number, to: number, opens: string, closes: string): Hours =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, opens, closes] as [number, string, string]);

const seatFeatures = (n: number) => [
  ...(n % 2 === 0 ? ["power_outlet"] : []),
  ...(n % 25 === 1 ? ["accessible"] : []),
];

export const DEMO_LIBRARIES: LibrarySeed[] = [
  {
    slug: "bu-belvedere",
    name: "BU du Belvédère",
    city: "Lyon",
    address: "12 quai des Étudiants, 69007 Lyon",
    // Late opening on Thursday, closed on Sunday.
    hours: [...weekdays(1, 3, "08:00", "22:00"), [4, "08:00", "23:30"], [5, "08:00", "20:00"], [6, "09:00", "18:00"]],
    areas: [
      { slug: "salle-nord", name: "Salle de lecture Nord", description: "Grande salle lumineuse, prises à une place sur deux.", seats: { count: 110, prefix: "N", features: seatFeatures } },
      { slug: "mezzanine", name: "Mezzanine silencieuse", description: "Silence complet, pas d'ordinateur sonore.", seats: { count: 50, prefix: "M", features: (n) => ["silent", ...seatFeatures(n)] } },
      {
        slug: "salles-de-groupe",
        name: "Salles de travail en groupe",
        description: "Salles fermées avec tableau blanc, de 4 à 8 personnes.",
        minDurationMinutes: 60,
        maxDurationMinutes: 180,
        rooms: [
          { label: "Salle Ampère", capacity: 6, features: ["screen", "power_outlet"] },
          { label: "Salle Lumière", capacity: 8, features: ["screen", "power_outlet", "accessible"] },
          { label: "Salle Guignol", capacity: 4, features: ["power_outlet"] },
        ],
      },
    ],
    closure: { inDays: 9, reason: "Fermeture exceptionnelle pour travaux de sécurité incendie" },
  },
  {
    slug: "bibliotheque-des-tanneurs",
    name: "Bibliothèque des Tanneurs",
    city: "Strasbourg",
    address: "3 rue des Tanneurs, 67000 Strasbourg",
    hours: [...weekdays(1, 2, "08:30", "19:00"), [3, "08:30", "21:30"], [4, "08:30", "19:00"], [5, "08:30", "18:00"], [6, "10:00", "17:00"]],
    areas: [
      { slug: "rez-de-chaussee", name: "Rez-de-chaussée", description: "Salle de lecture près des collections de droit.", slotMinutes: 30, seats: { count: 48, prefix: "R", features: seatFeatures } },
      { slug: "etage", name: "Premier étage", description: "Zone calme sous la verrière.", slotMinutes: 30, seats: { count: 36, prefix: "E", features: (n) => ["silent", ...seatFeatures(n)] } },
      {
        slug: "carrels",
        name: "Carrels de groupe",
        description: "Petites salles pour 3 à 4 personnes.",
        rooms: [
          { label: "Carrel 1", capacity: 4, features: ["power_outlet"] },
          { label: "Carrel 2", capacity: 3, features: ["power_outlet", "accessible"] },
        ],
      },
    ],
    closure: { inDays: 5, reason: "Inventaire annuel des collections" },
  },
  {
    slug: "bu-grand-large",
    name: "BU du Grand Large",
    city: "Marseille",
    address: "40 boulevard du Littoral, 13002 Marseille",
    hours: [...weekdays(1, 4, "09:00", "20:00"), [5, "09:00", "22:00"], [6, "10:00", "13:00"], [6, "14:00", "18:00"]],
    areas: [
      { slug: "plateau", name: "Plateau vue mer", description: "Grandes tables face à la baie.", seats: { count: 40, prefix: "P", features: seatFeatures } },
      { slug: "espace-calme", name: "Espace calme", description: "Places individuelles isolées.", seats: { count: 24, prefix: "C", features: (n) => ["silent", ...seatFeatures(n)] } },
      {
        slug: "salles-projet",
        name: "Salles projet",
        description: "Salles équipées d'un écran.",
        minDurationMinutes: 60,
        maxDurationMinutes: 120,
        rooms: [
          { label: "Salle Frioul", capacity: 6, features: ["screen", "power_outlet"] },
          { label: "Salle Calanques", capacity: 5, features: ["screen", "power_outlet", "accessible"] },
        ],
      },
    ],
    closure: { inDays: 12, reason: "Journée de formation du personnel" },
  },
];

export const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

/** The demo's staff secret of a library (demo data only; real libraries get a random one). */
export const demoStaffSecret = (slug: string) => `personnel-${slug}`;

export async function seedDemo(prisma: PrismaClient, now: Date): Promise<{ created: number }> {
  if ((await prisma.library.count()) > 0) return { created: 0 };
  for (const lib of DEMO_LIBRARIES) {
    await prisma.$transaction(async (tx) => {
      const library = await tx.library.create({
        data: {
          slug: lib.slug,
          name: lib.name,
          city: lib.city,
          address: lib.address,
          establishmentCode: establishmentCodeFrom(randomBytes(32)),
          rotatingCodeSecret: randomBytes(32).toString("hex"),
          staffSecretHash: sha256Hex(demoStaffSecret(lib.slug)),
        },
      });
      await tx.openingHours.createMany({
        data: lib.hours.map(([weekday, o, c]) => ({ libraryId: library.id, weekday, opensAt: minutes(o), closesAt: minutes(c) })),
      });
      const day = addDays(localDateOf(now, library.timeZone), lib.closure.inDays);
      await tx.closure.create({
        data: {
          libraryId: library.id,
          startsAt: zonedInstant(day, 0, library.timeZone),
          endsAt: zonedInstant(day, 1440, library.timeZone),
          reason: lib.closure.reason,
        },
      });
      for (const [position, a] of lib.areas.entries()) {
        const area = await tx.area.create({
          data: {
            libraryId: library.id,
            slug: a.slug,
            name: a.name,
            description: a.description,
            position,
            slotMinutes: a.slotMinutes ?? 60,
            minDurationMinutes: a.minDurationMinutes ?? 60,
            maxDurationMinutes: a.maxDurationMinutes ?? 240,
          },
        });
        const resources = [
          ...Array.from({ length: a.seats?.count ?? 0 }, (_, i) => ({
            kind: "SEAT" as const,
            label: `Place ${a.seats!.prefix}${String(i + 1).padStart(3, "0")}`,
            capacity: 1,
            features: a.seats!.features(i + 1),
            position: i,
          })),
          ...(a.rooms ?? []).map((r, i) => ({ kind: "GROUP_ROOM" as const, label: r.label, capacity: r.capacity, features: r.features, position: i })),
        ];
        await tx.resource.createMany({ data: resources.map((r) => ({ ...r, libraryId: library.id, areaId: area.id })) });
      }
    });
  }
  return { created: DEMO_LIBRARIES.length };
}

// Fixtures written straight into the e2e database (serve.mts publishes its URL):
// what a test needs that the demo cannot give at any hour, such as a library
// open now with a reservation starting now.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { E2E_STATE_FILE } from "./paths";

export async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = JSON.parse(readFileSync(E2E_STATE_FILE, "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface OpenLibrary {
  id: string;
  slug: string;
  code: string;
  staffSecret: string;
  seatIds: string[];
}

/** A library open around the clock, every day, with `seats` seats; optionally with rotating codes. */
export async function createOpenLibrary(opts: { seats?: number; rotating?: boolean } = {}): Promise<OpenLibrary> {
  const id = randomUUID();
  const slug = `bu-e2e-${id.slice(0, 6)}`;
  const staffSecret = `secret-${randomUUID()}`;
  // Unambiguous alphabet, as the app generates them.
  const alphabet = "34679ACDEFGHJKMNPQRTWXY";
  const code = Array.from(randomBytes(6), (b) => alphabet[b % alphabet.length]).join("");
  const seatIds = Array.from({ length: opts.seats ?? 3 }, () => randomUUID());
  await withDb(async (c) => {
    await c.query(
      `INSERT INTO library (id, slug, name, city, address, establishment_code, rotating_code_enabled, rotating_code_secret, staff_secret_hash)
       VALUES ($1, $2, $3, 'Testville', '1 rue du Test', $4, $5, $6, $7)`,
      [id, slug, `BU ouverte ${slug.slice(-6)}`, code, opts.rotating ?? false, randomBytes(32).toString("hex"), createHash("sha256").update(staffSecret).digest("hex")],
    );
    await c.query(`INSERT INTO opening_hours (id, library_id, weekday, opens_at, closes_at) SELECT gen_random_uuid(), $1, d, 0, 1440 FROM generate_series(1, 7) d`, [id]);
    const areaId = randomUUID();
    await c.query(`INSERT INTO area (id, library_id, slug, name) VALUES ($1, $2, 'salle', 'Salle')`, [areaId, id]);
    for (const [i, seatId] of seatIds.entries()) {
      await c.query(`INSERT INTO resource (id, library_id, area_id, kind, label, position) VALUES ($1, $2, $3, 'seat', $4, $5)`, [seatId, id, areaId, `Place ${i + 1}`, i]);
    }
  });
  return { id, slug, code, staffSecret, seatIds };
}

/** A confirmed reservation of `seatId` for `email`, from the current quarter hour, one hour long. */
export async function createConfirmedReservationNow(library: OpenLibrary, seatId: string, email: string): Promise<string> {
  const id = randomUUID();
  await withDb(async (c) => {
    const booker = await c.query<{ id: string }>(
      `INSERT INTO booker (id, email, confirmed_at) VALUES (gen_random_uuid(), $1, now())
       ON CONFLICT (email) DO UPDATE SET confirmed_at = coalesce(booker.confirmed_at, now()) RETURNING id`,
      [email],
    );
    await c.query(
      `INSERT INTO reservation (id, library_id, resource_id, booker_id, email, starts_at, ends_at, status, confirmed_at, validation_deadline)
       SELECT $1, $2, $3, $4, $5, s, s + interval '1 hour', 'confirmed', now(), s + interval '20 minutes'
         FROM (SELECT to_timestamp(floor(extract(epoch FROM now()) / 900) * 900) AS s) q`,
      [id, library.id, seatId, booker.rows[0]!.id, email],
    );
  });
  return id;
}

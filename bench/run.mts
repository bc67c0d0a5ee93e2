// npm run bench — speed and memory, measured (never asserted in tests).
//   1. slot availability (pure): one area of 110 seats over the 14-day horizon;
//   2. background pass: expiry and no-shows over N due reservations on a real
//      embedded PostgreSQL (N = BENCH_DUE, default 100,000), with peak memory.
// Results are printed and written to bench/results/<timestamp>.json.
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { availability, candidateSlots } from "../lib/domain/slots.ts";
import { addDays } from "../lib/domain/time.ts";
import type { Schedule } from "../lib/domain/types.ts";
import { startEmbeddedPostgres } from "../lib/db/embedded.ts";
import { ensureDatabase } from "../lib/db/prepare.ts";
import { migrate } from "../lib/db/migrate.ts";

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

// Peak memory, sampled while a step runs.
function memoryProbe() {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  return () => {
    clearInterval(timer);
    return { peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap) };
  };
}

// 1. Availability
{
  const tz = "Europe/Paris";
  const schedule: Schedule = {
    timeZone: tz,
    weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: 8 * 60, closesAt: 22 * 60 })),
    special: [],
    closures: [],
  };
  const grid = { slotMinutes: 60, minDurationMinutes: 60, maxDurationMinutes: 240 };
  const resources = Array.from({ length: 110 }, (_, i) => ({ id: `r${i}` }));
  const now = new Date("2026-12-07T06:00:00Z");
  const policy = { timeZone: tz, bookingHorizonDays: 14 };
  // Every seat busy two hours a day.
  const busy = resources.flatMap((r, i) =>
    Array.from({ length: 15 }, (_, d) => {
      const start = new Date(Date.UTC(2026, 11, 7 + d, 8 + (i % 10), 0));
      return { resourceId: r.id, start, end: new Date(start.getTime() + 2 * 3600_000) };
    }),
  );
  const runs = 50;
  const t0 = performance.now();
  let slots = 0;
  for (let k = 0; k < runs; k++) {
    for (let d = 0; d <= 14; d++) {
      const date = addDays("2026-12-07", d);
      const a = availability(candidateSlots(schedule, grid, date, 120, now, policy), resources, busy);
      slots += a.length;
    }
  }
  const ms = (performance.now() - t0) / runs;
  results.availability = { resources: 110, days: 15, busyPeriods: busy.length, slotsPerRun: slots / runs, msPerHorizon: Math.round(ms * 100) / 100 };
  console.log(`availability: 110 seats × 15 days, ${busy.length} busy periods → ${ms.toFixed(2)} ms per full horizon`);
}

// 2. Background pass
{
  const due = Number(process.env.BENCH_DUE ?? 100_000);
  const parent = mkdtempSync(join(tmpdir(), "strapontin-bench-"));
  chmodSync(parent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(parent, "pg"), persistent: false });
  await ensureDatabase(server.baseUrl, "bench");
  const url = server.urlFor("bench");
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL = "silent";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // One library, 1,000 seats; `due` pending reservations past their deadline and
  // `due` confirmed ones past their validation deadline, on distinct hours.
  await client.query(`
    INSERT INTO library (id, slug, name, city, address, establishment_code, rotating_code_secret, staff_secret_hash)
    VALUES ('00000000-0000-4000-8000-000000000001', 'bench', 'Bench', 'Paris', '-', 'ACDEFG', 'x', 'x');
    INSERT INTO area (id, library_id, slug, name) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'a', 'A');
    INSERT INTO resource (id, library_id, area_id, kind, label)
      SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000001',
             '00000000-0000-4000-8000-000000000002', 'seat', 'P' || i FROM generate_series(1, 1000) i;
    INSERT INTO booker (id, email) VALUES ('00000000-0000-4000-8000-000000000003', 'bench@etu.test');
  `);
  const tSeed = performance.now();
  await client.query(
    `INSERT INTO reservation (id, library_id, resource_id, booker_id, email, starts_at, ends_at, status, confirm_deadline, validation_deadline)
     SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001',
            ('00000000-0000-4000-9000-' || lpad((1 + i % 1000)::text, 12, '0'))::uuid,
            '00000000-0000-4000-8000-000000000003', 'bench@etu.test',
            timestamptz '2026-01-01 00:00Z' + ((i / 1000) * interval '1 hour'),
            timestamptz '2026-01-01 01:00Z' + ((i / 1000) * interval '1 hour'),
            CASE WHEN i % 2 = 0 THEN 'pending'::reservation_status ELSE 'confirmed'::reservation_status END,
            CASE WHEN i % 2 = 0 THEN timestamptz '2025-12-31 00:00Z' END,
            timestamptz '2026-01-01 00:20Z' + ((i / 1000) * interval '1 hour')
       FROM generate_series(0, $1::int - 1) i`,
    [due * 2],
  );
  const seedMs = performance.now() - tSeed;
  await client.query("ANALYZE");
  const { expireReservations } = await import("../lib/use-cases/expire-reservations.ts");
  const { markNoShows } = await import("../lib/use-cases/mark-no-shows.ts");
  const now = new Date("2030-01-01T00:00:00Z");

  const stopE = memoryProbe();
  let t = performance.now();
  const expired = await expireReservations({ now, maxBatches: 10_000 });
  const expiryMs = performance.now() - t;
  const expiryMem = stopE();

  const stopN = memoryProbe();
  t = performance.now();
  const noShows = await markNoShows({ now, maxBatches: 10_000 });
  const noShowMs = performance.now() - t;
  const noShowMem = stopN();

  const { rows } = await client.query("SELECT count(*)::int AS n FROM email_outbox");
  results.backgroundPass = {
    seededReservations: due * 2,
    seedMs: Math.round(seedMs),
    expiry: { expired, ms: Math.round(expiryMs), perSecond: Math.round(expired / (expiryMs / 1000)), ...expiryMem },
    noShows: { noShows, ms: Math.round(noShowMs), perSecond: Math.round(noShows / (noShowMs / 1000)), ...noShowMem },
    outboxRows: rows[0].n,
  };
  console.log(`expiry:   ${expired} reservations in ${Math.round(expiryMs)} ms, peak RSS ${expiryMem.peakRssMb} MB, heap ${expiryMem.peakHeapMb} MB`);
  console.log(`no-shows: ${noShows} reservations in ${Math.round(noShowMs)} ms, peak RSS ${noShowMem.peakRssMb} MB, heap ${noShowMem.peakHeapMb} MB`);
  await client.end();
  const g = globalThis as { strapontinPrisma?: { $disconnect(): Promise<void> } };
  await g.strapontinPrisma?.$disconnect();
  await server.stop();
}

const file = join("bench", "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results written to ${file}`);

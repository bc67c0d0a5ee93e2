import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { migrate } from "@/lib/db/migrate";
import { DEMO_LIBRARIES, seedDemo } from "@/lib/db/seed";

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

describe("migration runner", () => {
  it("is idempotent on an up-to-date database", async () => {
    const result = await migrate(process.env.DATABASE_URL!);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBeGreaterThan(0);
  });

  it("refuses a migration edited after it was applied", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strapontin-migrations-"));
    cpSync("prisma/migrations", dir, { recursive: true });
    const { rows } = await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name LIMIT 1");
    writeFileSync(join(dir, rows[0]!.migration_name, "migration.sql"), "-- edited\n");
    await expect(migrate(process.env.DATABASE_URL!, dir)).rejects.toThrow("a été modifiée après avoir été appliquée");
  });

  it("applies a new migration once, even when two runners race", async () => {
    const dir = mkdtempSync(join(tmpdir(), "strapontin-migrations-"));
    cpSync("prisma/migrations", dir, { recursive: true });
    const name = "29990101000000_test_extra";
    const extra = join(dir, name);
    mkdirSync(extra);
    writeFileSync(join(extra, "migration.sql"), "CREATE TABLE race_probe (id int PRIMARY KEY);\n");
    const results = await Promise.all([migrate(process.env.DATABASE_URL!, dir), migrate(process.env.DATABASE_URL!, dir)]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 1]);
    const { rows } = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name = $1", [name]);
    expect(rows[0].n).toBe(1);
  });
});

describe("demo data", () => {
  it("seeds three libraries in three cities with areas, ~300 seats, group rooms, hours and a closure — once", async () => {
    const now = new Date("2026-12-03T10:00:00Z");
    expect(await seedDemo(db(), now)).toEqual({ created: 3 });
    expect(await seedDemo(db(), now)).toEqual({ created: 0 });
    const libraries = await db().library.findMany({
      include: { areas: true, openingHours: true, closures: true, resources: true },
    });
    expect(libraries).toHaveLength(3);
    expect(new Set(libraries.map((l) => l.city)).size).toBe(3);
    const seats = libraries.flatMap((l) => l.resources).filter((r) => r.kind === "SEAT").length;
    const rooms = libraries.flatMap((l) => l.resources).filter((r) => r.kind === "GROUP_ROOM").length;
    expect(seats).toBeGreaterThanOrEqual(250);
    expect(seats).toBeLessThanOrEqual(350);
    expect(rooms).toBeGreaterThanOrEqual(3);
    for (const l of libraries) {
      expect(l.areas.length).toBeGreaterThanOrEqual(2);
      expect(l.areas.length).toBeLessThanOrEqual(4);
      expect(l.openingHours.some((h) => h.weekday === 7)).toBe(false); // Sunday closed
      expect(l.closures).toHaveLength(1);
      expect(l.closures[0]!.startsAt.getTime()).toBeGreaterThan(now.getTime());
      expect(l.establishmentCode).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{6}$/);
    }
    // A late opening: some weekday closes at 21:30 or later.
    expect(libraries.some((l) => l.openingHours.some((h) => h.closesAt >= 21 * 60 + 30 && h.weekday <= 5))).toBe(true);
    expect(DEMO_LIBRARIES).toHaveLength(3);
  });
});

// Prisma cannot generate our migrations on this machine, so this test is what
// keeps the hand-written SQL and prisma/schema.prisma in step: after migrating a
// fresh database, every model and field of the DMMF must exist in
// information_schema with the same type, nullability, default, key and uniques.
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import pg from "pg";
import { listMigrations } from "@/lib/db/migrate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Field = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
};

const datamodel = await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") });
const models = datamodel.datamodel.models;
const enums = new Map(datamodel.datamodel.enums.map((e) => [e.name, e]));

function expectedUdt(f: Field): string {
  if (f.kind === "enum") return enums.get(f.type)!.dbName ?? f.type;
  const native = f.nativeType?.[0];
  switch (f.type) {
    case "String":
      return native === "Uuid" ? "uuid" : native === "VarChar" ? "varchar" : "text";
    case "Int":
      return "int4";
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "Json":
      return "jsonb";
    case "DateTime":
      return native === "Date" ? "date" : native === "Timestamptz" ? "timestamptz" : "timestamp";
    default:
      throw new Error(`type ${f.type} not mapped in the drift test`);
  }
}

const isDbDefault = (f: Field) => {
  const d = f.default as { name?: string } | undefined;
  return f.hasDefaultValue && !(d && typeof d === "object" && "name" in d && (d.name === "uuid" || d.name === "cuid"));
};

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

describe("migrations match schema.prisma", () => {
  it("has a table for every model and no table without a model", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const tables = rows.map((r) => r.table_name).filter((t) => t !== "_prisma_migrations").sort();
    expect(tables).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it("has every enum with the same values", async () => {
    for (const e of enums.values()) {
      const { rows } = await client.query<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [e.dbName ?? e.name],
      );
      expect(rows.map((r) => r.enumlabel), `enum ${e.name}`).toEqual(e.values.map((v) => v.dbName ?? v.name));
    }
  });

  for (const model of models) {
    const table = model.dbName ?? model.name;
    const fields = (model.fields as unknown as Field[]).filter((f) => f.kind === "scalar" || f.kind === "enum");

    it(`${model.name}: columns, types, nullability and defaults`, async () => {
      const { rows } = await client.query<{
        column_name: string;
        udt_name: string;
        data_type: string;
        is_nullable: string;
        column_default: string | null;
        datetime_precision: number | null;
      }>(
        `SELECT column_name, udt_name, data_type, is_nullable, column_default, datetime_precision
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const columns = new Map(rows.map((r) => [r.column_name, r]));
      expect([...columns.keys()].sort(), `columns of ${table}`).toEqual(fields.map((f) => f.dbName ?? f.name).sort());
      for (const f of fields) {
        const col = columns.get(f.dbName ?? f.name)!;
        const where = `${table}.${col.column_name}`;
        if (f.isList) {
          expect(col.data_type, where).toBe("ARRAY");
          expect(col.udt_name, where).toBe(`_${expectedUdt(f)}`);
        } else {
          expect(col.udt_name, where).toBe(expectedUdt(f));
          expect(col.is_nullable, `${where} nullability`).toBe(f.isRequired ? "NO" : "YES");
        }
        if (f.type === "DateTime" && f.nativeType?.[0] === "Timestamptz") {
          expect(col.datetime_precision, `${where} precision`).toBe(Number(f.nativeType[1][0] ?? 6));
        }
        expect(col.column_default !== null, `${where} default`).toBe(isDbDefault(f));
      }
    });

    it(`${model.name}: primary key and unique constraints`, async () => {
      const { rows } = await client.query<{ indexdef: string; cols: string[]; unique: boolean; primary: boolean }>(
        `SELECT i.indisunique AS unique, i.indisprimary AS primary,
                array_agg(a.attname::text ORDER BY k.ord) AS cols
           FROM pg_index i
           JOIN pg_class t ON t.oid = i.indrelid
           JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE t.relname = $1 AND i.indpred IS NULL
          GROUP BY i.indexrelid, i.indisunique, i.indisprimary`,
        [table],
      );
      const col = (name: string) => {
        const f = fields.find((x) => x.name === name)!;
        return f.dbName ?? f.name;
      };
      const primary = rows.find((r) => r.primary)?.cols;
      const idFields = model.primaryKey?.fields ?? fields.filter((f) => f.isId).map((f) => f.name);
      expect(primary, `primary key of ${table}`).toEqual(idFields.map(col));
      const uniques = rows.filter((r) => r.unique && !r.primary).map((r) => r.cols.join(",")).sort();
      const expectedUniques = [
        ...fields.filter((f) => f.isUnique).map((f) => f.dbName ?? f.name),
        ...model.uniqueFields.map((u) => u.map(col).join(",")),
      ].sort();
      expect(uniques, `unique indexes of ${table}`).toEqual(expectedUniques);
    });
  }

  it("records the migrations as prisma migrate deploy does", async () => {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    // Every folder of prisma/migrations, once, with the SHA-256 of its migration.sql.
    const files = await listMigrations("prisma/migrations");
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    for (const r of rows) expect(r.finished_at).not.toBeNull();
  });
});

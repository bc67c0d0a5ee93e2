// Each integration test file gets its own clean database, cloned from the
// migrated template, before any application module reads DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const serverUrl = inject("pgServerUrl");
const template = inject("pgTemplate");
const ownerPid = template.replace("strapontin_tpl_", "");
const database = `strapontin_t${ownerPid}_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const g = globalThis as { strapontinPrisma?: { $disconnect(): Promise<void> } };
  await g.strapontinPrisma?.$disconnect();
  g.strapontinPrisma = undefined;
});

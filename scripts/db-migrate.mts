// npm run db:migrate — applies prisma/migrations to DATABASE_URL.
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
const { databaseUrl } = await import("../lib/env.ts");
const { migrate } = await import("../lib/db/migrate.ts");
const { applied, alreadyApplied } = await migrate(databaseUrl());
console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : `Base à jour (${alreadyApplied} migrations).`);

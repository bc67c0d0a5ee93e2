import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env and takes the URL from here. Only `prisma generate`
// runs on machines without Prisma's schema engine; migrations are applied by
// scripts/db-migrate.mts (see docs/architecture.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/strapontin" },
});

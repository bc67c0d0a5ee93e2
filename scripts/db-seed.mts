// npm run db:seed — demo data into DATABASE_URL (only when it has no library yet).
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
const { databaseUrl } = await import("../lib/env.ts");
const { createPrismaClient } = await import("../lib/data/db.ts");
const { seedDemo } = await import("../lib/db/seed.ts");
const prisma = createPrismaClient(databaseUrl());
const { created } = await seedDemo(prisma, new Date());
await prisma.$disconnect();
console.log(created ? `${created} bibliothèques de démonstration créées.` : "La base contient déjà des bibliothèques : rien à faire.");

// The Prisma client, one per process. Only lib/data/* imports this file.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { strapontinPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

export function db(): PrismaClient {
  globalForPrisma.strapontinPrisma ??= createPrismaClient(databaseUrl());
  return globalForPrisma.strapontinPrisma;
}

export type { PrismaClient };
export { Prisma } from "@/lib/generated/prisma/client";

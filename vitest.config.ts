import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside React Server Components; tests run the same code in Node.
      "server-only": `${root}tests/support/empty-module.ts`,
    },
  },
  test: {
    env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/global-db.ts"],
          setupFiles: ["tests/support/file-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          // Runs after the unit project when both run in one `vitest run`.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

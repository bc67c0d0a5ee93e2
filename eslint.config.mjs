import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Only the data-access layer talks to Prisma.
    files: ["app/**", "components/**", "lib/use-cases/**", "lib/domain/**", "emails/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "@/lib/data/db", "@prisma/*"], message: "Passez par lib/data (la couche d'accès aux données)." },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no database.
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*", "@/lib/data/*", "@/lib/generated/*", "@prisma/*", "react"], message: "lib/domain reste pur : ni Next, ni Prisma." }] },
      ],
    },
  },
];

export default config;

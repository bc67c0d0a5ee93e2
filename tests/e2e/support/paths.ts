import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where the e2e SMTP receiver writes each message it receives (one .eml file per message). */
export const E2E_MAIL_DIR = process.env.E2E_MAIL_DIR ?? join(tmpdir(), "strapontin-e2e-mail");

/** serve.mts writes { databaseUrl } here, for tests that set up fixtures in the database. */
export const E2E_STATE_FILE = process.env.E2E_STATE_FILE ?? join(tmpdir(), "strapontin-e2e-state.json");

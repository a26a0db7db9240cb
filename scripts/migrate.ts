// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL's Postgres, or to the embedded
// PGlite in DATA_DIR. The server also applies them at start-up; this is for deploy pipelines.
import { getDbHandle } from "../server/db/client";

const started = Date.now();
const handle = await getDbHandle();
console.log(`migrations applied (${handle.driver}) in ${Date.now() - started} ms`);
await handle.close();

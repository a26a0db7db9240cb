// Whether the production build in .next is missing or older than the sources: shared by
// `npm start` (scripts/start.mjs) and `npm run bench` so both rebuild only when needed.
import fs from "node:fs";
import path from "node:path";

const sources = ["app", "server", "components", "drizzle", "public", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Why the build must be (re)made, or null when it is up to date. */
export function buildIsStale(root) {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no build yet";
  const built = fs.statSync(buildId).mtimeMs;
  const changed = sources.find((s) => newestMtime(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

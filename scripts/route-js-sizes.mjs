// First-load JS per page route, read from a finished `next build` (.next manifests; Next 16 no longer
// prints sizes): the root main files plus every chunk the route's layouts and page load up front,
// raw and gzipped, and which heavy libraries those chunks carry. `node scripts/route-js-sizes.mjs`
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const next = path.join(import.meta.dirname, "..", ".next");
if (!existsSync(path.join(next, "build-manifest.json"))) {
  console.error("No build found: run `npm run build` first.");
  process.exit(1);
}
const buildManifest = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));

// Strings only the named library's code contains (kept through minification: CSS class names, URLs).
const heavy = {
  recharts: "recharts-surface",
  "react-markdown": "remarkRehypeOptions",
  "remark-gfm": "gfmTable",
  zod: "ZodError",
};

function findManifests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!full.includes(`${path.sep}api${path.sep}`) && name !== "api") findManifests(full, out);
    } else if (name === "page_client-reference-manifest.js") out.push(full);
  }
  return out;
}

const sizes = new Map();
function size(file) {
  if (!sizes.has(file)) {
    const body = readFileSync(path.join(next, file));
    sizes.set(file, { raw: body.length, gzip: gzipSync(body).length, text: body.toString("utf8") });
  }
  return sizes.get(file);
}

const rows = [];
for (const file of findManifests(path.join(next, "server", "app"))) {
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  for (const [route, manifest] of Object.entries(sandbox.__RSC_MANIFEST)) {
    const files = new Set(buildManifest.rootMainFiles);
    for (const chunks of Object.values(manifest.entryJSFiles)) for (const chunk of chunks) files.add(chunk);
    let raw = 0;
    let gzip = 0;
    const libs = new Set();
    for (const chunk of files) {
      const s = size(chunk);
      raw += s.raw;
      gzip += s.gzip;
      for (const [lib, marker] of Object.entries(heavy)) if (s.text.includes(marker)) libs.add(lib);
    }
    const name = route.replace(/\/page$/, "") || "/";
    rows.push({ route: name, chunks: files.size, raw, gzip, libs: [...libs].sort().join(", ") });
  }
}
rows.sort((a, b) => a.route.localeCompare(b.route));
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log("| Route | First-load JS (gzip) | raw | chunks | heavy libraries loaded up front |");
console.log("|---|---:|---:|---:|---|");
for (const r of rows) console.log(`| ${r.route} | ${kb(r.gzip)} | ${kb(r.raw)} | ${r.chunks} | ${r.libs || "—"} |`);

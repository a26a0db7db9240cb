// Summarises V8 .cpuprofile files (from BENCH_CPU_PROF): top self-time functions and packages. Usage: tsx bench/profile.ts <file|dir> [top]
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Source maps for bundled chunks (Turbopack/webpack output), loaded lazily; null when a chunk has none. */
interface SourceMapV3 {
  sources: string[];
  sourceRoot?: string;
  mappings: string;
  sections?: { offset: { line: number; column: number }; map: SourceMapV3 }[];
}

type Segment = [genCol: number, source: number, sourceLine: number];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes the generated column and source index of every segment, per generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(";")) {
    const segs: Segment[] = [];
    let col = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        sourceLine += values[2] ?? 0;
        segs.push([col, source, sourceLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

interface Resolver {
  sourceAt(line: number, column: number): string | undefined;
}

/** Sources as absolute paths where they are relative paths (resolved against the map's folder). */
function absoluteSources(map: SourceMapV3, mapDir: string): string[] {
  return map.sources.map((raw) => {
    let s = raw;
    try {
      s = decodeURIComponent(raw);
    } catch {
      // keep it as it is
    }
    return /^[a-z]+:/i.test(s) ? s : path.resolve(mapDir, map.sourceRoot ?? "", s);
  });
}

function resolverFor(map: SourceMapV3, mapDir: string): Resolver {
  if (map.sections) {
    const sections = map.sections.map((s) => ({ offset: s.offset, resolver: resolverFor(s.map, mapDir) }));
    return {
      sourceAt(line, column) {
        let chosen: (typeof sections)[number] | undefined;
        for (const s of sections) {
          if (s.offset.line < line || (s.offset.line === line && s.offset.column <= column)) chosen = s;
          else break;
        }
        if (!chosen) return undefined;
        const col = line === chosen.offset.line ? column - chosen.offset.column : column;
        return chosen.resolver.sourceAt(line - chosen.offset.line, col);
      },
    };
  }
  const lines = decodeMappings(map.mappings);
  const sources = absoluteSources(map, mapDir);
  return {
    sourceAt(line, column) {
      const segs = lines[line];
      if (!segs?.length) return undefined;
      let best: Segment | undefined;
      for (const s of segs) {
        if (s[0] <= column) best = s;
        else break;
      }
      const seg = best ?? segs[0];
      const src = sources[seg?.[1] ?? -1];
      return src && seg ? `${src}:${seg[2] + 1}` : src;
    },
  };
}

const resolvers = new Map<string, Resolver | null>();

function mappedSource(url: string, line: number, column: number): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  const file = decodeURIComponent(url.slice("file://".length));
  if (!resolvers.has(file)) {
    let resolver: Resolver | null = null;
    try {
      const map = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as SourceMapV3;
      resolver = resolverFor(map, path.dirname(file));
    } catch {
      resolver = null;
    }
    resolvers.set(file, resolver);
  }
  return resolvers.get(file)?.sourceAt(line, column);
}

const packageLists = new Map<string, string[]>();

/** Top-level package folders (scoped ones as `@scope/name`) of a node_modules folder. */
function packagesIn(nodeModules: string): string[] {
  let list = packageLists.get(nodeModules);
  if (!list) {
    list = [];
    try {
      for (const entry of fs.readdirSync(nodeModules)) {
        if (entry.startsWith(".")) continue;
        if (entry.startsWith("@")) {
          for (const sub of fs.readdirSync(path.join(nodeModules, entry))) list.push(`${entry}/${sub}`);
        } else list.push(entry);
      }
    } catch {
      // no folder: nothing to guess from
    }
    packageLists.set(nodeModules, list);
  }
  return list;
}

const orphanOwners = new Map<string, string>();

/**
 * Some packages (drizzle-orm) ship maps pointing at `../src/x.ts`, outside the package, which the
 * bundler composes into `node_modules/src/x.ts`. The owner is the package that has `x.js.map`
 * (or .cjs/.mjs) next to its `x.js`: that map is where the escaping path came from.
 */
function orphanOwner(nodeModules: string, rest: string): string {
  const key = `${nodeModules}|${rest}`;
  let owner = orphanOwners.get(key);
  if (!owner) {
    const stem = rest.replace(/\.[cm]?tsx?$/, "");
    owner =
      packagesIn(nodeModules).find((pkg) =>
        [".js.map", ".cjs.map", ".mjs.map"].some((ext) => fs.existsSync(path.join(nodeModules, pkg, stem + ext))),
      ) ?? "(unmapped src/)";
    orphanOwners.set(key, owner);
  }
  return owner;
}

/** Which package (or part of the app / runtime) a source location belongs to. */
function packageOf(located: string): string {
  const source = located.replace(/:\d+$/, "");
  const nm = source.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = source.slice(nm + "node_modules/".length).split("/");
    if (parts[0] === "src") return orphanOwner(source.slice(0, nm + "node_modules".length), parts.slice(1).join("/"));
    const name = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1] ?? ""}` : (parts[0] ?? "?");
    // next's precompiled copies (next/dist/compiled/<pkg>) are their own packages in all but name.
    if (name === "next" && parts[1] === "dist" && parts[2] === "compiled") return `next/compiled/${parts[3] ?? "?"}`;
    if (name === "next" && parts[1] === "dist") return `next/${parts[2] ?? "?"}`;
    return name;
  }
  if (source.startsWith("node:")) return "node:internal";
  if (source.startsWith("wasm://")) return "(wasm: PGlite's Postgres when embedded)";
  const cleaned = source.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^file:\/\//, "");
  const app = cleaned.match(/(?:^|\/)(app|server|components|instrumentation\.ts)(\/.*)?$/);
  if (app) return `app:${app[1]}`;
  return cleaned || "?";
}

function classify(frame: CallFrame): { pkg: string; where: string } {
  const { url, functionName, lineNumber, columnNumber } = frame;
  if (!url) {
    if (functionName.startsWith("(")) return { pkg: functionName, where: "" };
    return { pkg: "(native/V8 builtins)", where: "" };
  }
  const mapped = mappedSource(url, lineNumber, columnNumber);
  // A file inside node_modules is its package's, whatever its own source map claims; only bundles
  // (.next/…) need the map to say which package a function came from.
  const bundled = !url.includes("/node_modules/");
  const source = mapped && bundled ? mapped : url;
  const short = (mapped ?? url).replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next\/)/, "$1");
  return { pkg: packageOf(source), where: mapped ? short : `${short}:${lineNumber + 1}` };
}

function summarise(files: string[], top: number): void {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let total = 0;
  let wall = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parents = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
    /** The nearest package on the stack that is not Node's or V8's own code (which is charged to its caller). */
    const ownerCache = new Map<number, string>();
    const ownerOf = (id: number): string => {
      let owner = ownerCache.get(id);
      if (!owner) {
        const own = nodes.get(id)?.callFrame;
        owner = own ? classify(own).pkg : "?";
        for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
          const frame = nodes.get(at)?.callFrame;
          if (!frame?.url) continue;
          const pkg = classify(frame).pkg;
          if (pkg !== "node:internal") {
            owner = pkg;
            break;
          }
        }
        ownerCache.set(id, owner);
      }
      return owner;
    };
    /** The packages on a node's stack (each once), for inclusive time. */
    const stackPackages = new Map<number, string[]>();
    const packagesOnStack = (id: number): string[] => {
      let found = stackPackages.get(id);
      if (!found) {
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
          const frame = nodes.get(at)?.callFrame;
          if (frame?.url) seen.add(classify(frame).pkg);
        }
        found = [...seen];
        stackPackages.set(id, found);
      }
      return found;
    };
    const classified = new Map<number, { pkg: string; where: string; name: string }>();
    for (const [i, id] of profile.samples.entries()) {
      const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
      const node = nodes.get(id);
      if (!node) continue;
      let c = classified.get(id);
      if (!c) {
        c = { ...classify(node.callFrame), name: node.callFrame.functionName || "(anonymous)" };
        classified.set(id, c);
      }
      const key = `${c.name}  ${c.where}  [${c.pkg}]`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
      byPackage.set(c.pkg, (byPackage.get(c.pkg) ?? 0) + dt);
      for (const pkg of packagesOnStack(id)) inclusive.set(pkg, (inclusive.get(pkg) ?? 0) + dt);
      const owner = ownerOf(id);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + dt);
      total += dt;
    }
    wall += (profile.endTime - profile.startTime) / 1000;
  }
  const idle = byPackage.get("(idle)") ?? 0;
  const busy = total - idle;
  const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title} (share of non-idle samples)`);
    const rows = [...map.entries()].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [key, ms] of rows) console.log(`${pct(ms)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${key}`);
  };
  console.log(
    `${files.length} profile(s), wall ${(wall / 1000).toFixed(1)} s, sampled ${(total / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (${((100 * busy) / total).toFixed(0)}%)`,
  );
  print("Self time by package", byPackage);
  print("Self time by package, Node/V8 internals charged to the package that called them", byOwner);
  print("Inclusive time by package (anywhere on the stack)", inclusive);
  print("Self time by function", byFunction);
}

function main(): void {
  const target = process.argv[2];
  const top = Number(process.argv[3] ?? 30);
  if (!target) {
    console.error("usage: tsx bench/profile.ts <file.cpuprofile|dir> [top]");
    process.exit(2);
  }
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith(".cpuprofile"))
        .map((f) => path.join(target, f))
    : [target];
  if (files.length === 0) throw new Error(`no .cpuprofile in ${target}`);
  summarise(files, top);
}

main();

// Next.js configuration. PGlite and its pgvector extension load WASM and data files at run time,
// so Next must leave them (and argon2's native binding) unbundled.
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector", "@node-rs/argon2", "postgres"],
  // Migrations are read from disk at start-up; ship them with every serverless function.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*"] },
  poweredByHeader: false,
  // Compression belongs to the proxy in front of us (measured: gzip on loopback costs ~24% throughput).
  compress: false,
  typedRoutes: false,
};

export default nextConfig;

// Every table, for drizzle's typed client and drizzle-kit.
export * from "./auth";
export * from "./memory";
export * from "./tasks";

// Every table, for drizzle's typed client and drizzle-kit.
export * from "./ai";
export * from "./auth";
export * from "./coach";
export * from "./days";
export * from "./life";
export * from "./memory";
export * from "./planner";
export * from "./rewards";
export * from "./tasks";

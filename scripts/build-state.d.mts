// Types for scripts/build-state.mjs.
export function buildIsStale(root: string): string | null;

// Types of the rewards procedures' answers, for the rewards components (types only: no server code ships).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type RewardsOut = inferRouterOutputs<AppRouter>["rewards"];
export type Summary = RewardsOut["summary"];
export type StreakOut = RewardsOut["streak"];
export type PetOut = RewardsOut["pet"]["get"];
export type StoreItemOut = RewardsOut["store"]["list"][number];
export type DrawOut = RewardsOut["mystery"]["history"][number];

// Types of the focus procedures' answers, inferred from the router (never written twice).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type CurrentSession = NonNullable<Outputs["focus"]["current"]>;
export type FinishResult = Outputs["focus"]["finish"];
export type HistoryItem = Outputs["focus"]["history"]["items"][number];
export type RitualAdvice = Outputs["focus"]["suggestRitual"];
export type Phase = CurrentSession["phase"];

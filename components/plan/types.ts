// Types of the day plan as the client receives it, inferred from the router (never written twice).
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type DayPlanView = NonNullable<inferRouterOutputs<AppRouter>["plan"]["get"]>;
export type Block = DayPlanView["blocks"][number];
export type PlanEdit = inferRouterInputs<AppRouter>["plan"]["edit"];
/** Sends one edit; `onDone` runs after it succeeded. */
export type EditPlan = (edit: PlanEdit, onDone?: () => void) => void;

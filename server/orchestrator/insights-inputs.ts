// Input for insights.*: the range of days to look back over (7, 30 or 90, ending today).
import { z } from "zod";

export const insightRanges = [7, 30, 90] as const;
export type InsightRange = (typeof insightRanges)[number];

export const insightsInput = z
  .object({
    range: z
      .union([z.literal(7), z.literal(30), z.literal(90)], { error: "Pick 7, 30 or 90 days" })
      .default(30),
  })
  .default({ range: 30 });

export type InsightsInput = z.infer<typeof insightsInput>;

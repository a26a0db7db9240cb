// Inngest serves and calls our functions here when Inngest is configured.
import { serve } from "inngest/next";
import { functions } from "@/server/inngest";
import { inngest } from "@/server/inngest/client";

export const { GET, POST, PUT } = serve({ client: inngest, functions });

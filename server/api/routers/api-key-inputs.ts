// Input schemas for apiKey.*: a key's name, and which key to revoke. Messages name the field.
import { z } from "zod";

export const createApiKeyInput = z.object({
  name: z
    .string({ error: "Give the key a name" })
    .trim()
    .min(1, "Give the key a name, e.g. Claude Desktop")
    .max(100, "Keep the name under 100 characters"),
});

export const apiKeyIdInput = z.object({ id: z.string({ error: "Say which key" }).uuid("Not a valid key id") });

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

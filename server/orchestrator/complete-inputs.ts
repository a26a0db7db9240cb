// Input for completing a task, optionally with proof: text (≤ 4000 characters), an http(s) link, or
// an image as a PNG/JPEG/WebP data: URL of at most 1.5 MB. Errors name the field ("proof.value: …").
import { z } from "zod";

export const MAX_PROOF_TEXT = 4000;
export const MAX_PROOF_IMAGE_BYTES = 1.5 * 1024 * 1024;
/** A data: URL's length for MAX_PROOF_IMAGE_BYTES of image (base64 is 4 characters per 3 bytes). */
const MAX_IMAGE_DATA_URL = Math.ceil(MAX_PROOF_IMAGE_BYTES / 3) * 4 + "data:image/jpeg;base64,".length;
const IMAGE_DATA_URL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

const caption = z.string().trim().max(500, "Keep the caption under 500 characters").optional();

export const proofInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("text"),
    value: z.string().trim().min(1, "Write what you did").max(MAX_PROOF_TEXT, `Keep proof under ${MAX_PROOF_TEXT} characters`),
  }),
  z.object({
    kind: z.literal("link"),
    value: z
      .string()
      .trim()
      .max(2000, "Links can be at most 2000 characters")
      .pipe(z.url({ protocol: /^https?$/, error: "Paste a full web link starting with https://" })),
    caption,
  }),
  z.object({
    kind: z.literal("image"),
    value: z
      .string()
      .max(MAX_IMAGE_DATA_URL, "Images can be at most 1.5 MB")
      .regex(IMAGE_DATA_URL, "Attach a PNG, JPEG or WebP image"),
    caption,
  }),
]);

export const completeTaskInput = z.object({
  id: z.string().uuid("Not a valid task id"),
  proof: proofInput.optional(),
});

export type ProofSubmission = z.infer<typeof proofInput>;
export type CompleteTaskInput = z.infer<typeof completeTaskInput>;

/** The image type of a data: URL ("image/png"), or undefined for anything else. */
export function imageMimeType(dataUrl: string): string | undefined {
  return /^data:(image\/(?:png|jpeg|webp));base64,/.exec(dataUrl)?.[1];
}

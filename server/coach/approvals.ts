// Answers to tool approvals ("Delete this task?" → Yes/No). The page sends the assistant message back
// with its answers; only the yes/no per open approval is taken from it, applied to the STORED message,
// so a client can never forge a tool's input or result.
import "server-only";
import { InvalidInputError } from "../errors";
import type { StoredUIMessage } from "../orchestrator/conversations";

interface ClientPart {
  type: string;
  approval?: { id: string; approved?: boolean; reason?: string };
}

type Part = StoredUIMessage["parts"][number];

function openApprovalId(part: Part): string | null {
  if (!part.type.startsWith("tool-") && part.type !== "dynamic-tool") return null;
  const p = part as { state?: string; approval?: { id?: unknown } };
  return p.state === "approval-requested" && typeof p.approval?.id === "string" ? p.approval.id : null;
}

export function applyApprovals(stored: StoredUIMessage, answer: { parts: ClientPart[] }): StoredUIMessage {
  const decisions = new Map<string, { approved: boolean; reason?: string }>();
  for (const part of answer.parts) {
    if (part.approval && typeof part.approval.approved === "boolean") {
      decisions.set(part.approval.id, { approved: part.approval.approved, ...(part.approval.reason ? { reason: part.approval.reason } : {}) });
    }
  }
  let answered = 0;
  const parts = stored.parts.map((part): Part => {
    const id = openApprovalId(part);
    const decision = id ? decisions.get(id) : undefined;
    if (!id || !decision) return part;
    answered += 1;
    const p = part as Part & { approval: Record<string, unknown> };
    return { ...p, state: "approval-responded", approval: { ...p.approval, id, approved: decision.approved, ...(decision.reason ? { reason: decision.reason } : {}) } } as Part;
  });
  if (answered === 0) throw new InvalidInputError("message.parts", "There is no open question to answer in this message");
  return { ...stored, parts };
}

/** True when the message still waits for the user to approve or deny a tool. */
export function waitsForApproval(message: StoredUIMessage): boolean {
  return message.parts.some((p) => openApprovalId(p) !== null);
}

/**
 * The user wrote something new instead of answering: open questions count as "no", recorded as the
 * denied outcome itself, so every tool call in the history has its result.
 */
export function denyOpenApprovals(message: StoredUIMessage): StoredUIMessage {
  let changed = false;
  const parts = message.parts.map((part): Part => {
    const id = openApprovalId(part);
    if (!id) return part;
    changed = true;
    const p = part as Part & { approval: Record<string, unknown> };
    return { ...p, state: "output-denied", approval: { ...p.approval, id, approved: false, reason: "The user moved on without answering." } } as Part;
  });
  return changed ? { ...message, parts } : message;
}

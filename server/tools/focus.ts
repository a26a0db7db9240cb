// Focus tool: start a focus session (a timer with a break after it) on a task or step, or on nothing
// in particular — through the FOCUS workflow, as ctx.userId only.
import "server-only";
import { startFocusSession } from "../orchestrator/focus";
import { startFocusInput } from "../orchestrator/focus-inputs";
import { defineTool } from "./define";
import { iso } from "./views";

export const startFocusSessionTool = defineTool({
  name: "start_focus_session",
  title: "Start a focus session",
  description:
    "Starts a focus timer (default 25 min focus, then a 5 min break) on a task or step (taskId), optionally with a short ritual to begin with. Only one session runs at a time: if one is running this fails, unless endRunning is true (it finishes the running one first). Points come when the session is finished in FocusForge.",
  input: startFocusInput,
  async handler(ctx, input) {
    const s = await startFocusSession({ db: ctx.db, userId: ctx.userId }, input, ctx.now);
    return {
      session: {
        id: s.id,
        taskId: s.taskId,
        taskTitle: s.taskTitle,
        status: s.status,
        phase: s.phase,
        focusMinutes: s.plannedMinutes,
        breakMinutes: s.breakMinutes,
        ritual: s.ritual,
        startedAt: iso(s.startedAt),
        endsAt: iso(s.endsAt),
        breakEndsAt: iso(s.breakEndsAt),
        secondsLeft: s.secondsLeft,
      },
    };
  },
});

export const focusTools = [startFocusSessionTool];

// template.*: thin — task templates: list, save a task (with its steps) as one, rename, remove, and
// start a new task from one.
import "server-only";
import { renameTemplateInput, saveTemplateInput, startTemplateInput, templateIdInput } from "../../orchestrator/template-inputs";
import { listUserTemplates, removeTemplate, renameUserTemplate, saveTemplateFromTask, startTemplate } from "../../orchestrator/templates";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const templateRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listUserTemplates({ db: ctx.db, userId: ctx.user.id })),
  saveFromTask: protectedProcedure
    .input(saveTemplateInput)
    .mutation(({ ctx, input }) => saveTemplateFromTask({ db: ctx.db, userId: ctx.user.id }, input)),
  rename: protectedProcedure.input(renameTemplateInput).mutation(({ ctx, input }) => renameUserTemplate({ db: ctx.db, userId: ctx.user.id }, input)),
  remove: protectedProcedure.input(templateIdInput).mutation(({ ctx, input }) => removeTemplate({ db: ctx.db, userId: ctx.user.id }, input.id)),
  start: protectedProcedure.input(startTemplateInput).mutation(({ ctx, input }) => startTemplate({ db: ctx.db, userId: ctx.user.id }, input)),
});

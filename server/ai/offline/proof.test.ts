// The offline proof checker: the public evaluation cases, our own cases of the same kinds (other
// tasks, other wording), and the injection set, which must never come out "accepted".
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findInjection } from "./injection";
import { offlineProof, type ProofInput } from "./proof";
import { INJECTIONS } from "./proof-fixtures";

type Label = "accepted" | "needs_more" | "rejected";
type Case = [task: string, kind: ProofInput["proof"]["kind"], value: string, label: Label];

const evalFile = path.resolve(import.meta.dirname, "../../../eval/fixtures/proof.jsonl");
const publicCases = readFileSync(evalFile, "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { task: string; proof: { kind: "text" | "link"; value: string }; label: Label });

function judge(task: string, kind: ProofInput["proof"]["kind"], value: string, extra: Partial<ProofInput["proof"]> = {}, notes?: string) {
  return offlineProof({ task: { title: task, notes }, proof: { kind, value, ...extra } });
}

describe("public evaluation cases", () => {
  it.each(publicCases.map((c) => [c.task, c.proof.kind, c.proof.value, c.label] as Case))("%s ← %s %j → %s", (task, kind, value, label) => {
    const result = judge(task, kind, value);
    expect(result.verdict).toBe(label);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.reason).not.toContain("\n");
    expect(result.reason.length).toBeLessThanOrEqual(240);
  });
});

const ownCases: Case[] = [
  // specific, on-task proof → accepted
  ["Go for a run", "text", "Ran 5 km along the canal in 28 minutes", "accepted"],
  ["Do 20 minutes of yoga", "text", "Did a 20 min yoga flow from the app, mostly hip stretches and a long plank", "accepted"],
  ["Write the cover letter for the Acme job", "text", "Drafted the cover letter: 3 paragraphs, mentioned the data migration project and my Python experience", "accepted"],
  ["Tidy the bedroom", "text", "Put all the clothes in the wardrobe, made the bed and cleared the desk", "accepted"],
  ["Wash the dishes", "text", "Washed every plate and pan, emptied the rack, wiped the counter", "accepted"],
  ["Email the landlord about the heater", "text", "Sent the email to Mr Patel at 10:15 asking for a repair visit this week", "accepted"],
  ["Study Spanish vocabulary", "text", "Did 40 flashcards on Anki, got 32 right, mostly food words", "accepted"],
  ["Pay the electricity bill", "text", "Paid £84.20 through the banking app, reference EL-55821", "accepted"],
  ["Book a dentist appointment", "text", "Booked for Tuesday 3 Dec at 9:30 with Dr Shah", "accepted"],
  ["Water the plants", "text", "Watered all 7 houseplants and the tomatoes on the balcony", "accepted"],
  ["Read the article about sleep", "text", "Read it all; key point: keep the same wake-up time even on weekends, and no screens an hour before bed.", "accepted"],
  ["Call mum", "text", "Called mum for half an hour, she's booked the train for Christmas", "accepted"],
  ["Meditate for 10 minutes", "text", "10 minutes with Headspace, focused on breathing, mind wandered twice", "accepted"],
  ["Clean the kitchen", "text", "Wiped the worktops, cleaned the hob and oven door, took the bins out", "accepted"],
  ["Walk the dog", "text", "Took Max round the big field, 40 minutes, he chased a squirrel", "accepted"],
  ["Fix the flaky checkout test", "text", "Found the race in the cart fixture, added an await, test passed 50 runs in a row", "accepted"],
  ["Renew the car insurance", "text", "Renewed online, policy number AX-88213, £412 for the year", "accepted"],
  ["Call the plumber", "text", "Spoke to Dave from QuickFix, he's coming Thursday at 8am", "accepted"],
  ["Walk 10,000 steps", "text", "12,430 steps on my phone today", "accepted"],
  ["Go for a 20 minute walk", "text", "Didn't feel like it but went anyway, 20 minutes round the block", "accepted"],
  ["Write the intro of the essay", "text", "Finished the essay intro, didn't take long: 250 words on why cities need bike lanes", "accepted"],
  ["Clean the bathroom", "text", "The bathroom is spotless now, even the grout behind the toilet", "accepted"],
  // specific links → accepted
  ["Open a pull request for the login fix", "link", "https://github.com/acme/webapp/pull/482", "accepted"],
  ["Sign up for the 10k race", "link", "https://www.raceentry.com/confirmation/8F3K2L9Q", "accepted"],
  ["Pay the council tax", "link", "https://www.examplecouncil.gov.uk/payments/receipt/77812", "accepted"],
  // bare, restating, partial or unverifiable → needs_more
  ["Go for a run", "text", "ran", "needs_more"],
  ["Write the cover letter", "text", "wrote it", "needs_more"],
  ["Email the landlord", "text", "Emailed the landlord", "needs_more"],
  ["Tidy the bedroom", "text", "finished!", "needs_more"],
  ["Reply to Sarah's message", "text", "replied", "needs_more"],
  ["Clean the bathroom", "text", "bathroom is clean", "needs_more"],
  ["Clean the kitchen", "text", "Cleaned the hob, will do the floor tomorrow", "needs_more"],
  ["Write the essay", "text", "Wrote half of the first draft", "needs_more"],
  ["Submit the timesheet", "link", "https://google.com", "needs_more"],
  ["Submit the timesheet", "link", "http://timesheets.example.com/week/47/submitted", "needs_more"],
  ["Submit the timesheet", "link", "https://bit.ly/3xYz12", "needs_more"],
  ["Submit the expense report", "link", "https://expenses.example.com/", "needs_more"],
  // not done, or something else instead → rejected
  ["Go for a run", "text", "Too tired, will go tomorrow", "rejected"],
  ["Study Spanish vocabulary", "text", "Scrolled TikTok for an hour instead", "rejected"],
  ["Call the bank", "text", "Didn't get round to it", "rejected"],
  ["Tidy the bedroom", "text", "Played video games all evening", "rejected"],
  ["Book a dentist appointment", "text", "Tried calling but they were closed", "rejected"],
  ["Water the plants", "text", "not yet", "rejected"],
  ["Write the report", "text", "I had a nap instead", "rejected"],
  ["Go to the gym", "text", "Gym closed so I stayed home and watched Netflix", "rejected"],
  ["Finish the presentation", "text", "I'll finish it after lunch", "rejected"],
  ["Submit the form", "link", "javascript:alert(1)", "rejected"],
  ["Write the intro of the essay", "text", "lol no", "rejected"],
  ["Call the insurance company", "text", "Couldn't find the number", "rejected"],
  ["Write the intro of the essay", "text", "Spent the evening on Reddit", "rejected"],
  // a listing page is not the finished item; the item itself is
  ["Submit the expense report", "link", "https://expenses.example.com/reports", "needs_more"],
  ["Submit the expense report", "link", "https://expenses.example.com/reports/4471", "accepted"],
  ["Go for a 20 minute walk", "link", "https://www.strava.com/activities/12345678", "accepted"],
  ["Write the intro of the essay", "link", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "needs_more"],
  ["Submit the expense report", "text", "Sent it to finance at 4pm with all 12 receipts attached", "accepted"],
];

describe("our own cases of the same kinds", () => {
  it.each(ownCases)("%s ← %s %j → %s", (task, kind, value, label) => {
    expect(judge(task, kind, value).verdict).toBe(label);
  });

  it("asks for the kind of detail the task needs", () => {
    expect(judge("Go for a run", "text", "ran").reason).toMatch(/how long or how far/);
    expect(judge("Call the insurance company", "text", "called").reason).toMatch(/who you spoke to/);
  });

  it("can't see photos offline and says so; a caption is judged like text", () => {
    const bare = judge("Clean the bathroom", "image", "data:image/png;base64,AAAA", { mimeType: "image/png" });
    expect(bare).toMatchObject({ verdict: "needs_more" });
    expect(bare.reason).toMatch(/can't look at photos/);
    const captioned = judge("Clean the bathroom", "image", "data:image/png;base64,AAAA", {
      caption: "Scrubbed tub and sink, mopped the floor, fresh towels",
    });
    expect(captioned.verdict).toBe("accepted");
    expect(captioned.reason).toMatch(/caption/);
  });
});

describe("prompt injection", () => {
  it.each(INJECTIONS)("hidden in %s is never accepted", (_what, title, notes, kind, value, caption) => {
    const result = offlineProof({ task: { title, notes }, proof: { kind, value, caption } });
    expect(result.verdict).toBe("rejected");
    expect(result.reason).toMatch(/instructions aimed at the checker/);
  });

  it("leaves ordinary proof that happens to use the same words alone", () => {
    for (const text of [
      "Fixed the login system: users can sign in now",
      "Read the instructions and assembled the shelf in 40 minutes",
      "My manager approved the report",
      "Ignored the noise and wrote 500 words",
      "Approved the invoice from the plumber, £120",
      "Forgot the rules of chess so I relearned them",
      "Typed up the minutes from the developer meeting",
      "https://docs.google.com/document/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit",
    ]) {
      expect(findInjection(text), text).toBeNull();
    }
  });
});

// Tests for the offline capture: the public evaluation cases, our own held-out cases of the same kind
// (brain dumps, lists, emails, many zones, DST edges), and the rules around them — dates on the user's
// wall clock, filler dropped, messages read from the reader's side, deterministic output.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CapturedTask, LIFE_AREAS, MAX_CAPTURED_TASKS, offlineCapture } from "./capture";
import { findDue, instantToLocalDue, localDueToInstant, parseLocalDue } from "./capture-dates";

interface Case {
  text: string;
  /** The user's wall clock at capture, "YYYY-MM-DDTHH:mm" in `tz`. */
  now: string;
  tz: string;
  max: number;
  expect: Array<{ has: string; due?: string }>;
}

function capture(c: Pick<Case, "text" | "now" | "tz">) {
  const now = localDueToInstant(c.now, c.tz);
  if (!now) throw new Error(`bad now ${c.now}`);
  return offlineCapture({ text: c.text, now: now.toISOString(), timeZone: c.tz }).tasks;
}

/** What the evaluation checks: each expected task found (title contains, due equal), no extra tasks. */
function problems(c: Case, tasks: CapturedTask[]): string[] {
  const out: string[] = [];
  for (const e of c.expect) {
    const hit = tasks.find((t) => t.title.toLowerCase().includes(e.has.toLowerCase()));
    if (!hit) out.push(`no task mentions "${e.has}" in ${JSON.stringify(tasks.map((t) => t.title))}`);
    else if (e.due !== undefined && hit.due !== e.due) out.push(`"${hit.title}" is due ${hit.due}, expected ${e.due}`);
  }
  if (tasks.length > c.max) out.push(`${tasks.length} tasks, at most ${c.max} expected: ${JSON.stringify(tasks.map((t) => t.title))}`);
  return out;
}

function publicCases(): Case[] {
  const file = path.resolve(import.meta.dirname, "../../../../shared/eval/capture.jsonl");
  const lines = (() => {
    try {
      return readFileSync(file, "utf8").split("\n").filter((l) => l.trim());
    } catch {
      return [];
    }
  })();
  return lines.map((line) => {
    const c = JSON.parse(line) as { text: string; now: string; tz: string; max_tasks: number; expect: Array<{ title_has: string; due?: string }> };
    return { text: c.text, now: c.now.slice(0, 16), tz: c.tz, max: c.max_tasks, expect: c.expect.map((e) => ({ has: e.title_has, due: e.due })) };
  });
}

/** The public cases, copied so the suite stands on its own where /work/shared is absent. */
const PUBLIC: Case[] = [
  { text: "need to call mom tomorrow at 5pm, also buy milk and eggs, and the report is due friday", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 4, expect: [{ has: "mom", due: "2026-11-24T17:00" }, { has: "milk" }, { has: "report", due: "2026-11-27" }] },
  { text: "Dentist on Dec 1st at 10:30. Renew car insurance before the end of the month!!", now: "2026-11-23T09:00", tz: "America/New_York", max: 2, expect: [{ has: "dentist", due: "2026-12-01T10:30" }, { has: "insurance", due: "2026-11-30" }] },
  { text: "ugh so much. emails. the presentation for monday. pick up kids at 3 today. water plants", now: "2026-11-25T09:00", tz: "Europe/London", max: 5, expect: [{ has: "email" }, { has: "presentation", due: "2026-11-30" }, { has: "kids", due: "2026-11-25T15:00" }, { has: "plants" }] },
  { text: "Remind me to pay rent on the 1st", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 1, expect: [{ has: "rent", due: "2026-12-01" }] },
  { text: "I keep forgetting to take my meds in the evening and I should book a haircut", now: "2026-11-23T09:00", tz: "Asia/Tokyo", max: 3, expect: [{ has: "meds" }, { has: "haircut" }] },
  { text: "Hi team, please send me your slides by Wednesday noon so I can merge them. Thanks, Ana", now: "2026-11-23T09:00", tz: "Europe/Madrid", max: 2, expect: [{ has: "slides", due: "2026-11-25T12:00" }] },
];

/** Our own cases of the same kinds, written to test the rules, not the public lines. */
const OWN: Case[] = [
  { text: "tmrw: dentist 9am, then groceries. oh and text Sam back about the party!", now: "2026-11-23T20:00", tz: "Europe/London", max: 3, expect: [{ has: "dentist", due: "2026-11-24T09:00" }, { has: "groceries" }, { has: "Sam" }] },
  { text: "- call the plumber about the leak\n- book flights for xmas\n- cancel gym membership by the 15th\n- buy a birthday card for dad", now: "2026-11-23T09:00", tz: "America/Chicago", max: 4, expect: [{ has: "plumber" }, { has: "flights" }, { has: "gym", due: "2026-12-15" }, { has: "card" }] },
  { text: "Hello Robin,\n\nCould you review the Q4 budget and send me your comments by Friday 3pm? Also, the client call moved to Thursday at 10.\n\nBest,\nMaria", now: "2026-11-23T09:00", tz: "Europe/Paris", max: 3, expect: [{ has: "budget", due: "2026-11-27T15:00" }, { has: "call", due: "2026-11-26T10:00" }] },
  { text: "so tired. laundry. email the landlord about the heating asap. gym tonight?", now: "2026-11-24T18:30", tz: "Europe/Dublin", max: 3, expect: [{ has: "laundry" }, { has: "landlord" }, { has: "gym", due: "2026-11-24" }] },
  { text: "pay the electricity bill next Friday and renew passport before the end of next month", now: "2026-11-23T09:00", tz: "Australia/Sydney", max: 2, expect: [{ has: "bill", due: "2026-12-04" }, { has: "passport", due: "2026-12-31" }] },
  { text: "Need to finish the slides for Monday's pitch, order more printer ink, and call grandma on Sunday at 11am", now: "2026-11-25T14:00", tz: "America/Los_Angeles", max: 3, expect: [{ has: "slides" }, { has: "ink" }, { has: "grandma", due: "2026-11-29T11:00" }] },
  { text: "tomorrow at 9 I have the vet with the dog", now: "2026-03-07T15:00", tz: "America/New_York", max: 1, expect: [{ has: "vet", due: "2026-03-08T09:00" }] },
  { text: "Submit the expense report by end of day. Book a table for Saturday night.", now: "2026-03-28T10:00", tz: "Europe/Berlin", max: 2, expect: [{ has: "expense", due: "2026-03-28" }, { has: "table", due: "2026-03-28" }] },
  { text: "in 2 hours call the bank", now: "2026-03-29T00:30", tz: "Europe/Berlin", max: 1, expect: [{ has: "bank", due: "2026-03-29T03:30" }] },
  { text: "I should really start running again, maybe learn some Spanish, and clean out the garage this weekend", now: "2026-11-23T09:00", tz: "Europe/Madrid", max: 3, expect: [{ has: "running" }, { has: "Spanish" }, { has: "garage", due: "2026-11-28" }] },
  { text: "Don't forget: parents evening Thursday 6pm!! Also need to sign Emma's permission slip", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "parents", due: "2026-11-26T18:00" }, { has: "permission slip" }] },
  { text: "Hey! Quick reminder that the invoice for October is overdue. Please pay it by Wednesday. Thanks, Tom", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "invoice", due: "2026-11-25" }] },
  { text: "return library books on the 3rd\nmeal prep sunday\nfix the squeaky door", now: "2026-11-23T09:00", tz: "Asia/Kolkata", max: 3, expect: [{ has: "library books", due: "2026-12-03" }, { has: "meal prep", due: "2026-11-29" }, { has: "door" }] },
  { text: "Mum's birthday is on the 12th, need to get her a present. Car MOT due 2 Dec.", now: "2026-11-23T09:00", tz: "Europe/London", max: 3, expect: [{ has: "present" }, { has: "MOT", due: "2026-12-02" }] },
  { text: "ok brain dump: reply to Jess, water the plants, bins go out wednesday, prep for the interview at 2pm tomorrow", now: "2026-11-23T09:00", tz: "America/Denver", max: 4, expect: [{ has: "Jess" }, { has: "plants" }, { has: "bins", due: "2026-11-25" }, { has: "interview", due: "2026-11-24T14:00" }] },
  { text: "Dear all,\nThe team offsite is on 10 December. Please register by next Monday and let me know about dietary requirements.\nKind regards,\nPriya", now: "2026-11-23T09:00", tz: "Asia/Singapore", max: 3, expect: [{ has: "register", due: "2026-11-30" }, { has: "dietary" }] },
  { text: "urgent: fix the login bug on prod", now: "2026-11-23T09:00", tz: "UTC", max: 1, expect: [{ has: "login bug" }] },
  { text: "buy bread, milk, eggs and coffee", now: "2026-11-23T09:00", tz: "UTC", max: 1, expect: [{ has: "coffee" }] },
  { text: "dentist, taxes, call mum", now: "2026-11-23T09:00", tz: "UTC", max: 3, expect: [{ has: "dentist" }, { has: "taxes" }, { has: "mum" }] },
  { text: "1. Draft the newsletter by Thursday\n2. Schedule 1:1s with the team\n3. Update the roadmap doc", now: "2026-11-23T09:00", tz: "America/Toronto", max: 3, expect: [{ has: "newsletter", due: "2026-11-26" }, { has: "1:1" }, { has: "roadmap" }] },
  { text: "the kitchen is a mess and we're out of dish soap", now: "2026-11-23T09:00", tz: "UTC", max: 2, expect: [{ has: "kitchen" }, { has: "dish soap" }] },
  { text: "Meeting with Alex at 4:30 tomorrow re: budget. Prepare numbers before", now: "2026-11-23T09:00", tz: "Europe/Amsterdam", max: 2, expect: [{ has: "Alex", due: "2026-11-24T16:30" }, { has: "numbers" }] },
  { text: "pick up the dry cleaning on 12/5", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "dry cleaning", due: "2027-05-12" }] },
  { text: "pick up the dry cleaning on 12/5", now: "2026-11-23T09:00", tz: "America/New_York", max: 1, expect: [{ has: "dry cleaning", due: "2026-12-05" }] },
  { text: "Hi,\nJust checking in - are you free for lunch next week? Let me know!\nCheers\nBen", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "Ben" }] },
  { text: "call mom at 8 tonight", now: "2026-11-23T21:30", tz: "Pacific/Auckland", max: 1, expect: [{ has: "mom", due: "2026-11-23T20:00" }] },
  { text: "water the plants every morning and walk the dog", now: "2026-11-23T09:00", tz: "UTC", max: 2, expect: [{ has: "plants" }, { has: "dog" }] },
  { text: "Renew my driving licence some time next month, no rush", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "licence" }] },
  { text: "friday: hand in the essay. saturday: football with the kids at 10am", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "essay", due: "2026-11-27" }, { has: "football", due: "2026-11-28T10:00" }] },
  { text: "Remember to take the bins out tonight and defrost the freezer this weekend", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "bins", due: "2026-11-23" }, { has: "freezer", due: "2026-11-28" }] },
  { text: "I'm so tired today, honestly everything is too much", now: "2026-11-23T09:00", tz: "UTC", max: 0, expect: [] },
  { text: "[ ] email HR about the contract by tomorrow noon\n[ ] book train tickets to Leeds\n[x] renew gym", now: "2026-11-23T09:00", tz: "Europe/London", max: 3, expect: [{ has: "HR", due: "2026-11-24T12:00" }, { has: "train tickets" }] },
  { text: "next tuesday at 2 call the school about Lily's trip", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "school", due: "2026-12-01T14:00" }] },
  { text: "Christmas shopping before the 20th! Also wrap presents on Dec 23", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 2, expect: [{ has: "shopping", due: "2026-12-20" }, { has: "presents", due: "2026-12-23" }] },
  { text: "From: Sarah Lee\nSubject: Contract\n\nHi Robin,\nCan you sign the attached contract and return it by Thursday? I'll be out Friday.\nThanks,\nSarah", now: "2026-11-23T09:00", tz: "America/New_York", max: 2, expect: [{ has: "contract", due: "2026-11-26" }] },
  { text: "car insurance renewal - 14 Jan", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "insurance", due: "2027-01-14" }] },
  { text: "gotta clean the bathroom, hoover, and do a food shop this afternoon", now: "2026-11-23T09:00", tz: "Europe/London", max: 3, expect: [{ has: "bathroom" }, { has: "food shop", due: "2026-11-23" }] },
  { text: "Call the GP when they open at 8am tomorrow", now: "2026-11-23T21:00", tz: "Europe/London", max: 1, expect: [{ has: "GP", due: "2026-11-24T08:00" }] },
  { text: "by friday: finish the proposal draft and send it to Mark", now: "2026-11-23T09:00", tz: "America/Chicago", max: 2, expect: [{ has: "proposal", due: "2026-11-27" }, { has: "Mark", due: "2026-11-27" }] },
  { text: "dinner with Priya and Tom on Saturday at 7", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "Priya", due: "2026-11-28T19:00" }] },
  { text: "Mum's birthday is on the 12th, need to get her a present.", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "present", due: "2026-12-12" }] },
  { text: "Remind me in 30 minutes to take the pizza out", now: "2026-11-23T18:00", tz: "Europe/Rome", max: 1, expect: [{ has: "pizza", due: "2026-11-23T18:30" }] },
  { text: "water bill due 5th", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "bill", due: "2026-12-05" }] },
  { text: "Tasks for this week:\n* Fix the flaky test\n* Write up the retro notes\n* Prep the demo for Thursday's review", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 3, expect: [{ has: "flaky test" }, { has: "retro" }, { has: "demo", due: "2026-11-26" }] },
  { text: "Need to book the car in for a service next week sometime, pick up Jake from football at 6 on Thursday, and sort out the recycling", now: "2026-11-23T09:00", tz: "Europe/London", max: 3, expect: [{ has: "service" }, { has: "Jake", due: "2026-11-26T18:00" }, { has: "recycling" }] },
  { text: "Hi Sam, could you send over the signed lease by Tuesday? And please transfer the deposit before the 30th. Cheers, Olivia", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "lease", due: "2026-11-24" }, { has: "deposit", due: "2026-11-30" }] },
  { text: "omg I totally forgot the vet appointment is tomorrow at 11:15!! also buy cat food", now: "2026-11-23T20:00", tz: "America/Los_Angeles", max: 2, expect: [{ has: "vet", due: "2026-11-24T11:15" }, { has: "cat food" }] },
  { text: "write thank you cards, return the jumper to Zara, call the insurance company about the claim", now: "2026-11-23T09:00", tz: "Europe/Dublin", max: 3, expect: [{ has: "thank you cards" }, { has: "jumper" }, { has: "insurance" }] },
  { text: "Submit timesheet by 5pm today", now: "2026-11-27T10:00", tz: "Asia/Tokyo", max: 1, expect: [{ has: "timesheet", due: "2026-11-27T17:00" }] },
  { text: "Hey, the board meeting got moved to next Wednesday 2pm. Can you prepare the financial summary by Monday? Thanks! Jo", now: "2026-11-23T09:00", tz: "America/New_York", max: 3, expect: [{ has: "meeting", due: "2026-12-02T14:00" }, { has: "financial summary", due: "2026-11-30" }] },
  { text: "groceries\nlaundry\ncall grandma\npay credit card bill by the 28th", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 4, expect: [{ has: "groceries" }, { has: "laundry" }, { has: "grandma" }, { has: "credit card", due: "2026-11-28" }] },
  { text: "honestly just want to sleep. but I have to finish my thesis chapter by Friday and email my supervisor", now: "2026-11-23T09:00", tz: "Europe/Amsterdam", max: 2, expect: [{ has: "thesis", due: "2026-11-27" }, { has: "supervisor" }] },
  { text: "Tomorrow: dentist at 8:30am, then lunch with Mia at 1pm", now: "2026-11-23T09:00", tz: "Australia/Melbourne", max: 2, expect: [{ has: "dentist", due: "2026-11-24T08:30" }, { has: "Mia", due: "2026-11-24T13:00" }] },
  { text: "schedule a call with the accountant in the next couple of days, and renew the domain name before it expires on Dec 3", now: "2026-11-23T09:00", tz: "America/Chicago", max: 2, expect: [{ has: "accountant" }, { has: "domain", due: "2026-12-03" }] },
  { text: "fix the bike tyre this weekend + clean the gutters", now: "2026-11-25T09:00", tz: "Europe/London", max: 2, expect: [{ has: "bike", due: "2026-11-28" }, { has: "gutters" }] },
  { text: "Please RSVP to Hannah's wedding by January 15th", now: "2026-11-23T09:00", tz: "America/Denver", max: 1, expect: [{ has: "RSVP", due: "2027-01-15" }] },
  { text: "need new running shoes. and a haircut. and to cancel Netflix before it renews on the 2nd", now: "2026-11-23T09:00", tz: "Europe/Paris", max: 3, expect: [{ has: "running shoes" }, { has: "haircut" }, { has: "Netflix", due: "2026-12-02" }] },
  { text: "Team, the quarterly report is due on Dec 10. Please add your sections to the shared doc by Dec 5. Best, Lee", now: "2026-11-23T09:00", tz: "Asia/Singapore", max: 2, expect: [{ has: "sections", due: "2026-12-05" }] },
  { text: "clocks go back this weekend, change the oven clock on sunday morning", now: "2026-10-21T09:00", tz: "Europe/London", max: 1, expect: [{ has: "oven clock", due: "2026-10-25" }] },
  { text: "Good morning! Just a heads up that the gas safety check is booked for Thursday between 8 and 12, please make sure someone is home. Regards, Mike (Landlord)", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "home", due: "2026-11-26" }] },
  { text: "pay the nanny friday, get petrol, defrost chicken for dinner tonight", now: "2026-11-23T09:00", tz: "Australia/Sydney", max: 3, expect: [{ has: "nanny", due: "2026-11-27" }, { has: "petrol" }, { has: "chicken", due: "2026-11-23" }] },
  { text: "* reply to Tom's email\n* print boarding passes before Sat\n* charge the camera", now: "2026-11-23T09:00", tz: "Europe/Rome", max: 3, expect: [{ has: "Tom" }, { has: "boarding passes", due: "2026-11-28" }, { has: "camera" }] },
  { text: "my passport expires in March so I need to renew it soon", now: "2026-11-23T09:00", tz: "Europe/London", max: 1, expect: [{ has: "passport" }] },
  { text: "can't forget: Leo's parents evening wed 5:30, bake cupcakes for the school fair on saturday", now: "2026-11-23T09:00", tz: "Europe/London", max: 2, expect: [{ has: "parents evening", due: "2026-11-25T17:30" }, { has: "cupcakes", due: "2026-11-28" }] },
  { text: "Hi! Could you please confirm your attendance for the workshop on 3 December and complete the pre-survey by 30 November? Many thanks, Events Team", now: "2026-11-23T09:00", tz: "Europe/Berlin", max: 2, expect: [{ has: "attendance" }, { has: "survey", due: "2026-11-30" }] },
  { text: "new tyres, MOT, and the car insurance all need sorting before Christmas", now: "2026-11-23T09:00", tz: "Europe/London", max: 3, expect: [{ has: "tyres" }, { has: "MOT" }, { has: "insurance" }] },
  { text: "7am gym tomorrow then shower then the 9:30 standup", now: "2026-11-23T20:00", tz: "America/New_York", max: 3, expect: [{ has: "gym", due: "2026-11-24T07:00" }, { has: "standup", due: "2026-11-24T09:30" }] },
];

describe("offline capture: evaluation cases", () => {
  const shared = publicCases();
  it("has the public cases (from /work/shared/eval when present)", () => {
    expect(PUBLIC).toHaveLength(6);
    if (shared.length) expect(shared.map((c) => c.text)).toEqual(PUBLIC.map((c) => c.text));
  });
  for (const c of [...PUBLIC, ...OWN]) {
    it(`${c.tz} · ${c.text.slice(0, 70).replace(/\n/g, " / ")}`, () => {
      expect(problems(c, capture(c))).toEqual([]);
    });
  }
  it("has at least 20 own cases, in at least 10 zones", () => {
    expect(OWN.length).toBeGreaterThanOrEqual(20);
    expect(new Set(OWN.map((c) => c.tz)).size).toBeGreaterThanOrEqual(10);
  });
});

describe("offline capture: what each task holds", () => {
  const dump = capture({
    text: "need to call mom tomorrow at 5pm, also buy milk and eggs, and the report is due friday. ugh. dentist!! someday learn piano",
    now: "2026-11-23T09:00",
    tz: "Europe/Berlin",
  });

  it("gives every task a verb-first title without its date words, a valid due, estimate, priority and area", () => {
    expect(dump.map((t) => t.title)).toEqual(["Call mom", "Buy milk and eggs", "Finish the report", "Book a dentist appointment", "Learn piano"]);
    for (const t of dump) {
      expect(t.title).not.toMatch(/\b(tomorrow|friday|5pm|someday)\b/i);
      expect(t.due === null || parseLocalDue(t.due) !== null).toBe(true);
      expect(t.estimateMinutes).toBeGreaterThanOrEqual(1);
      expect(t.estimateMinutes).toBeLessThanOrEqual(1440);
      expect(LIFE_AREAS).toContain(t.area);
    }
  });

  it("reads priority from urgency words, '!!', a deadline within a day and 'someday'", () => {
    const byTitle = Object.fromEntries(dump.map((t) => [t.title, t.priority]));
    expect(byTitle["Book a dentist appointment"]).toBe("high");
    expect(byTitle["Learn piano"]).toBe("low");
    expect(byTitle["Buy milk and eggs"]).toBe("medium");
    const [urgent] = capture({ text: "URGENT: renew the parking permit asap", now: "2026-11-23T09:00", tz: "UTC" });
    expect(urgent?.priority).toBe("urgent");
    const [today] = capture({ text: "post the parcel by 4pm", now: "2026-11-23T09:00", tz: "UTC" });
    expect(today).toMatchObject({ title: "Post the parcel", due: "2026-11-23T16:00", priority: "high" });
  });

  it("puts each task in the life area it belongs to", () => {
    const areas = Object.fromEntries(dump.map((t) => [t.title, t.area]));
    expect(areas).toMatchObject({ "Call mom": "relationships", "Buy milk and eggs": "home", "Finish the report": "work", "Book a dentist appointment": "health", "Learn piano": "growth" });
    const [rent] = capture({ text: "pay rent", now: "2026-11-23T09:00", tz: "UTC" });
    expect(rent?.area).toBe("admin");
  });

  it("takes a stated duration as the estimate, and keeps quick messages short", () => {
    const [call, tidy] = capture({ text: "call grandma for 10 minutes. tidy the desk (about 2 hours)", now: "2026-11-23T09:00", tz: "UTC" });
    expect(call).toMatchObject({ title: "Call grandma", estimateMinutes: 10 });
    expect(tidy?.estimateMinutes).toBe(120);
    const [rsvp] = capture({ text: "RSVP to Hannah's wedding", now: "2026-11-23T09:00", tz: "UTC" });
    expect(rsvp?.estimateMinutes).toBeLessThanOrEqual(20);
  });

  it("finds nothing to do in feelings and filler", () => {
    expect(capture({ text: "ugh. so much. I'm so overwhelmed lol", now: "2026-11-23T09:00", tz: "UTC" })).toEqual([]);
    expect(capture({ text: "   ", now: "2026-11-23T09:00", tz: "UTC" })).toEqual([]);
  });

  it("reads a message from the reader's side: requests become tasks, the sender's own plans do not, questions become one reply", () => {
    const tasks = capture({
      text: "Hi Robin,\nI'll send the agenda tomorrow. Could you book the meeting room for Thursday at 2pm? Are you joining the dinner? Do you need a lift?\nThanks,\nPriya",
      now: "2026-11-23T09:00",
      tz: "Europe/London",
    });
    expect(tasks.map((t) => t.title)).toEqual(["Book the meeting room", "Reply to Priya"]);
    expect(tasks[0]).toMatchObject({ due: "2026-11-26T14:00" });
    expect(tasks[0]?.notes).toContain("From Priya");
    expect(tasks[1]?.notes).toContain("Are you joining the dinner?");
    expect(tasks[1]?.notes).toContain("Do you need a lift?");
  });

  it("is deterministic and never returns more than the maximum", () => {
    const text = Array.from({ length: 40 }, (_, i) => `- call client number ${i + 1}`).join("\n");
    const a = capture({ text, now: "2026-11-23T09:00", tz: "UTC" });
    expect(a).toHaveLength(MAX_CAPTURED_TASKS);
    expect(capture({ text, now: "2026-11-23T09:00", tz: "UTC" })).toEqual(a);
  });

  it("treats an unknown zone as UTC and an unreadable moment as 'no dates', never failing", () => {
    const [t] = offlineCapture({ text: "call mom tomorrow at 5pm", now: "2026-11-23T09:00:00Z", timeZone: "Mars/Olympus" }).tasks;
    expect(t?.due).toBe("2026-11-24T17:00");
    const [u] = offlineCapture({ text: "call mom tomorrow at 5pm", now: "not a date", timeZone: "UTC" }).tasks;
    expect(u).toMatchObject({ title: "Call mom", due: null });
  });
});

describe("offline capture: dates on the user's calendar", () => {
  const at = (local: string, tz: string) => (localDueToInstant(local, tz) as Date).getTime();

  it("reads relative dates from the user's own day, not the server's", () => {
    // 23:30 on Monday in Los Angeles is already Tuesday in UTC: "tomorrow" is Tuesday for the user.
    expect(findDue("tomorrow", at("2026-11-23T23:30", "America/Los_Angeles"), "America/Los_Angeles").due).toBe("2026-11-24");
    expect(findDue("tomorrow", at("2026-11-24T00:30", "Asia/Tokyo"), "Asia/Tokyo").due).toBe("2026-11-25");
  });

  it("a weekday said on that weekday means next week's, unless its time is still ahead today", () => {
    const monday9 = at("2026-11-23T09:00", "Europe/London");
    expect(findDue("monday", monday9, "Europe/London").due).toBe("2026-11-30");
    expect(findDue("monday at 5pm", monday9, "Europe/London").due).toBe("2026-11-23T17:00");
    expect(findDue("next friday", monday9, "Europe/London").due).toBe("2026-12-04");
  });

  it("knows month ends, ordinals and end of the week", () => {
    const now = at("2026-02-10T09:00", "UTC");
    expect(findDue("before the end of the month", now, "UTC").due).toBe("2026-02-28");
    expect(findDue("by the end of next month", now, "UTC").due).toBe("2026-03-31");
    expect(findDue("on the 1st", now, "UTC").due).toBe("2026-03-01");
    expect(findDue("on the 30th", now, "UTC").due).toBe("2026-03-30"); // February has none
    expect(findDue("by the end of the week", now, "UTC").due).toBe("2026-02-13");
    expect(findDue("by end of day", now, "UTC").due).toBe("2026-02-10");
    expect(capture({ text: "send the invoice eod", now: "2026-02-10T09:00", tz: "UTC" })[0]).toMatchObject({ title: "Send the invoice", due: "2026-02-10" });
  });

  it("reads 5/12 day-first outside North America and month-first inside it", () => {
    const now = at("2026-11-23T09:00", "UTC");
    expect(findDue("on 5/12", now, "Europe/Paris").due).toBe("2026-12-05");
    expect(findDue("on 12/5", now, "America/New_York").due).toBe("2026-12-05");
  });

  it("counts a DST change between now and a relative time", () => {
    // 00:30 on the night Berlin springs forward: two hours later the clocks show 03:30.
    expect(findDue("in 2 hours", at("2026-03-29T00:30", "Europe/Berlin"), "Europe/Berlin").due).toBe("2026-03-29T03:30");
    // New York falls back on 1 Nov 2026: 00:30 + 2 h is 01:30 the second time round.
    expect(findDue("in 2 hours", at("2026-11-01T00:30", "America/New_York"), "America/New_York").due).toBe("2026-11-01T01:30");
  });

  it("turns a local due into the instant it means in the zone, across DST", () => {
    expect(localDueToInstant("2026-03-08T09:00", "America/New_York")?.toISOString()).toBe("2026-03-08T13:00:00.000Z"); // EDT
    expect(localDueToInstant("2026-03-07T09:00", "America/New_York")?.toISOString()).toBe("2026-03-07T14:00:00.000Z"); // EST
    // 02:30 does not exist in Berlin on 29 March: it lands after the jump.
    expect(localDueToInstant("2026-03-29T02:30", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 happens twice on 25 October: the first one (still summer time).
    expect(localDueToInstant("2026-10-25T02:30", "Europe/Berlin")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // A date alone is due by the end of that day.
    expect(localDueToInstant("2026-11-27", "Asia/Tokyo")?.toISOString()).toBe("2026-11-27T14:59:00.000Z");
    expect(instantToLocalDue(Date.parse("2026-11-27T14:59:00Z"), "Asia/Tokyo")).toBe("2026-11-27T23:59");
  });

  it("accepts only real calendar dates and times", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-11-24T24:00", "2026-11-24T12:60", "tomorrow", "2026-11-24 17:00", "24/11/2026"]) {
      expect(parseLocalDue(bad)).toBeNull();
      expect(localDueToInstant(bad, "UTC")).toBeNull();
    }
    expect(parseLocalDue("2028-02-29")).toMatchObject({ year: 2028, month: 2, day: 29, hour: null });
  });
});

// Step templates per kind of task for the offline breakdown; each returns fine-grained steps or null to decline.
import { type Ctx, definite, f, type Fine, match, possessive } from "./context";
import { capitalise, clip, IMPERATIVE_VERBS } from "./text";



export type Template = (c: Ctx) => Fine[] | null;

const ROOM_RE =
  /\b(kitchen|bathroom|toilet|loo|en-?suite|bedroom|living ?room|lounge|sitting room|dining room|hallway|hall|office|study|spare room|kids'? rooms?|nursery|playroom|utility room|house|flat|apartment|home|place|room|downstairs|upstairs)\b/g;

// ───────────────────────────── cleaning ─────────────────────────────

function kitchenSteps(): Fine[] {
  return [
    f("Fill the kitchen sink with hot soapy water", 2, 1),
    f("Throw the rubbish and old food from the counters into the bin", 5, 2),
    f("Stack the dirty dishes next to the sink", 3, 3),
    f("Wash the dishes, glasses first and pans last", 12, 1),
    f("Wipe down the kitchen counters and the hob", 8, 1),
    f("Wipe the fronts of the fridge, oven and microwave", 5, 3),
    f("Dry the clean dishes and put them away in the cupboards", 8, 2),
    f("Sweep the kitchen floor", 5, 1),
    f("Mop the kitchen floor", 8, 2),
    f("Take out the kitchen bin and put in a new bag", 3, 2),
  ];
}

function bathroomSteps(): Fine[] {
  return [
    f("Put the bathroom cleaner, a cloth and the toilet brush by the sink", 2, 1),
    f("Clear the bottles and clutter off the bathroom surfaces", 4, 2),
    f("Spray the toilet, sink and bath with cleaner and leave it to soak", 3, 2),
    f("Put the used towels in the laundry basket", 2, 3),
    f("Scrub the toilet bowl with the brush and wipe the seat and handle", 6, 1),
    f("Scrub the bathroom sink and taps", 5, 1),
    f("Scrub and rinse the bath or shower", 10, 1),
    f("Wipe the bathroom mirror", 3, 3),
    f("Put clean towels out", 2, 3),
    f("Sweep and mop the bathroom floor", 8, 1),
    f("Empty the bathroom bin", 2, 2),
  ];
}

function roomSteps(room: string, bedroom: boolean, kids: boolean): Fine[] {
  return [
    f(`Open the window in ${room} and grab a bin bag`, 2, 1),
    f(`Put all the rubbish in ${room} into the bin bag`, 5, 1),
    f(`Take the dirty cups and plates from ${room} to the kitchen`, 3, 2),
    f(`Put the dirty clothes from ${room} in the laundry basket`, 4, 1),
    f("Put things that belong in other rooms into one basket", 4, 2),
    f("Return the basket things to the rooms they belong in", 6, 3),
    kids ? f("Put the toys back in their boxes and baskets", 8, 1) : f(`Straighten the cushions and blankets in ${room}`, 3, 3),
    ...(bedroom ? [f("Make the bed", 3, 2)] : []),
    f(`Clear and wipe the surfaces in ${room}`, 8, 1),
    f(`Dust the shelves in ${room}`, 5, 3),
    f(`Vacuum the floor in ${room}`, 10, 1),
    f("Take the bin bag out to the outside bin", 2, 2),
  ];
}

function houseSteps(place: string): Fine[] {
  return [
    f(`Grab a bin bag and a laundry basket and start at the front door of ${place}`, 2, 1),
    f(`Walk through ${place} and collect the rubbish into the bin bag`, 8, 1),
    f(`Collect the dirty dishes from every room in ${place}`, 5, 2),
    f("Collect clothes from every room into the laundry basket", 5, 2),
    f("Wash the dishes and wipe the kitchen counters", 15, 1),
    f("Clean the toilet and the bathroom sink", 10, 1),
    f("Wipe the surfaces in the living room", 8, 2),
    f("Make the beds", 5, 3),
    f(`Vacuum the floors in ${place}`, 15, 1),
    f("Mop the kitchen and bathroom floors", 10, 2),
    f("Take the rubbish out", 3, 2),
  ];
}

export const cleaning: Template = (c) => {
  // Vacuuming or mopping one room, or taking the bins out, is one action: the action template does it finer.
  if (/^(vacuum|hoover|mop|sweep|take out|put out|empty)$/.test(c.verb ?? "")) return null;
  const rooms = [...new Set([...c.objLower.matchAll(ROOM_RE)].map((m) => m[1] ?? ""))];
  if (rooms.length === 0) return null; // "Wash the dishes", "Clean the oven": the action template does finer work.
  const perRoom = (room: string): Fine[] => {
    if (room === "kitchen") return kitchenSteps();
    if (/bathroom|toilet|loo|en-?suite/.test(room)) return bathroomSteps();
    if (/house|flat|apartment|home|place|downstairs|upstairs/.test(room)) return houseSteps(/home|place/.test(room) ? "the house" : c.core);
    const phrase = c.core.toLowerCase().includes(room) && rooms.length === 1 ? c.core : `the ${room}`;
    return roomSteps(phrase, room === "bedroom" || /nursery/.test(room), /\b(kids?|child|children|playroom|nursery|toys?|son|daughter)\b/.test(c.objLower));
  };
  if (rooms.length === 1) return perRoom(rooms[0] ?? "room");
  // Several rooms: the first room's starter, then the essentials of each room in turn.
  const lists = rooms.slice(0, 3).map(perRoom);
  const out: Fine[] = [];
  lists.forEach((list, i) => {
    list.forEach((s, j) => {
      if (j === 0 && i === 0) out.push(s);
      else if (s.priority <= 1) out.push(j === 0 ? { ...s, priority: 2 } : s);
    });
  });
  return out;
};

// ───────────────────────────── laundry ─────────────────────────────

export const laundry: Template = (c) => {
  const what = /\b(bedding|sheets|towels|duvet|shirts|uniform|clothes|jeans|whites|darks)\b/.exec(c.objLower) ? c.core : "the laundry";
  if (/\biron/.test(c.lower)) {
    return [
      f("Set up the ironing board and fill the iron with water", 3, 1),
      f("Sort the ironing pile: shirts first, then trousers, then the rest", 3, 2),
      f("Hang up the clothes that don't really need ironing", 3, 3),
      f("Put on a podcast or playlist while the iron heats up", 1, 3),
      f("Iron the shirts first, collar then sleeves then body", 10, 1),
      f("Hang each ironed shirt straight away", 2, 2),
      f("Iron the trousers and the rest of the pile", 10, 1),
      f("Switch off and unplug the iron", 1, 1),
      f("Put the ironed clothes away in the wardrobe", 5, 2),
      f("Fold up the ironing board and put it away", 2, 3),
    ];
  }
  if (/\b(hang (out|up)|peg)\b/.test(c.lower) && !/\b(iron)/.test(c.lower)) {
    return [
      f("Carry the wet washing to the airer or line", 2, 1),
      f("Shake out each piece so it dries with fewer creases", 3, 2),
      f("Hang the shirts and dresses on hangers", 5, 1),
      f("Hang the trousers and towels over the bars or line", 5, 1),
      f("Peg or hang the socks and small things together", 5, 2),
      f("Put the airer somewhere warm with air around it", 2, 2),
      f("Set a reminder to bring the washing in", 1, 2),
      f("Put the empty laundry basket back by the machine", 1, 3),
    ];
  }
  if (/\bfold|put away\b/.test(c.lower)) {
    return [
      f(`Tip ${what} onto the bed`, 1, 1),
      f("Pull out the socks and pair them", 5, 2),
      f("Fold the T-shirts and tops into one pile", 5, 1),
      f("Fold the trousers and jeans into a second pile", 5, 2),
      f("Fold the towels and bedding into a third pile", 5, 2),
      f("Hang the shirts and dresses on hangers", 5, 2),
      f("Put the piles away in the drawers and wardrobe", 8, 1),
      f("Put the empty laundry basket back in its place", 1, 3),
    ];
  }
  const bedding = /\b(bedding|sheets|duvet|pillow)/.test(c.objLower);
  if (bedding) {
    return [
      f("Strip the sheets, duvet cover and pillowcases off the bed", 3, 1),
      f("Get a clean set of sheets out of the cupboard", 2, 2),
      f("Put the dirty sheets in the washing machine", 2, 1),
      f("Add detergent and start the wash on a hot setting", 2, 1),
      f("Put the clean fitted sheet on the mattress", 3, 1),
      f("Put the clean duvet cover on the duvet", 8, 2),
      f("Put the clean pillowcases on the pillows", 2, 2),
      f("Set a phone timer for when the wash finishes", 1, 3),
      f("Hang the washed sheets on the airer or put them in the dryer", 8, 1),
      f("Fold the dry sheets and put them in the cupboard", 5, 2),
    ];
  }
  return [
    bedding
      ? f("Strip the sheets, duvet cover and pillowcases off the bed", 3, 1)
      : f(`Carry ${what} to the washing machine`, 2, 1),
    f(`Sort ${what} into darks, lights and delicates`, 5, 1),
    f("Check the pockets for tissues, coins and keys", 3, 3),
    f("Load the first pile into the washing machine", 2, 2),
    f("Add detergent and start the wash on the right setting", 2, 1),
    f("Set a phone timer for when the wash finishes", 1, 2),
    f("Move the wet laundry to the dryer or hang it on the airer", 8, 1),
    f("Start the second wash with the next pile", 3, 2),
    f("Fold the dry clothes straight from the dryer or airer", 10, 1),
    bedding ? f("Put the clean sheets back on the bed", 8, 1) : f("Put the folded clothes away in the drawers and wardrobe", 8, 1),
    f("Put the empty laundry basket back in its place", 1, 3),
  ];
};

// ───────────────────────────── decluttering ─────────────────────────────

export const decluttering: Template = (c) => {
  if (/\b(wardrobe|closet|clothes|shoes)\b/.test(c.objLower)) {
    const place = /closet/.test(c.objLower) ? "closet" : "wardrobe";
    return [
      f("Clear the bed so you have space to sort clothes", 2, 1),
      f("Get three bags and label them keep, donate and bin", 3, 2),
      f(`Take the clothes out of one section of the ${place}`, 5, 1),
      f("Sort those clothes into the keep, donate and bin bags", 10, 1),
      f("Put any clothes you haven't worn in a year in the donate bag", 5, 2),
      f("Take the next section of clothes out and sort them the same way", 10, 2),
      f(`Sort the shoes at the bottom of the ${place}`, 5, 3),
      f(`Wipe the empty shelves and rail in the ${place}`, 5, 3),
      f(`Hang the keep clothes back in the ${place}, grouped by type`, 10, 1),
      f("Tie up the donate bag and put it by the front door", 2, 1),
      f("Put a reminder in your phone to drop the bag at a charity shop", 2, 2),
    ];
  }
  const PLACE = /\b(garage|attic|loft|cupboards?|drawers?|shelves|shelf|wardrobe|closet|desk|room|basement|cellar|shed|car|bag|handbag|under the bed|spare room|kitchen|bathroom|office|hallway|cabinet|pantry|fridge|boot|storage|house|flat|home)\b/;
  if (c.core && !PLACE.test(c.objLower) && !/\b(papers|paperwork|documents|letters|post|mail|files|statements|bills|receipts|payslips)\b/.test(c.objLower)) {
    // Sorting a kind of thing ("my kids' old toys", "the books"), not a place.
    const things = c.core;
    return [
      f("Get three boxes or bags and label them keep, donate and bin", 3, 1),
      f(`Gather all of ${things} into one spot`, 10, 1),
      f(`Pick up the first item from ${things}`, 1, 2),
      f("Put each item in keep, donate or bin without overthinking it", 10, 1),
      f(`Sort the rest of ${things} the same way`, 15, 1),
      f("Put anything broken straight in the bin bag", 2, 2),
      f(`Put the keep pile of ${c.noun} back where it lives`, 5, 1),
      f("Put the donate box in the car or by the door", 2, 1),
      f("Take the bin bag out", 2, 3),
    ];
  }
  const area = c.core || "one small area";
  const isPapers = /\b(papers|paperwork|documents|letters|post|mail|files|statements|bills|receipts|payslips|bank statements)\b/.test(c.objLower);
  if (isPapers) {
    const pile = c.core || "the paperwork";
    return [
      f("Get three folders and label them act on, file and recycle", 3, 1),
      f(`Clear a space on the table next to ${pile}`, 2, 2),
      f(`Take the first handful of papers from ${c.obj || pile}`, 1, 1),
      f("Sort each paper into act on, file or recycle", 5, 1),
      f(`Sort the next handful from ${pile} the same way`, 10, 1),
      f(`Sort the rest of ${pile}`, 10, 2),
      f("Shred anything with your name or account numbers on it", 5, 2),
      f("Put the file pile into labelled folders", 5, 2),
      f("Write the act-on papers as tasks on your list", 5, 1),
      f("Put the act-on folder somewhere you'll see it every day", 1, 2),
    ];
  }
  return [
    f(isPapers ? "Get three folders and label them act on, file and recycle" : "Get three boxes or bags and label them keep, donate and bin", 3, 1),
    f(`Pick one small section of ${area} to start with`, 1, 2),
    f(`Take everything out of that section of ${area}`, 5, 1),
    f(isPapers ? "Sort each paper into act on, file or recycle" : "Sort each item into keep, donate or bin", 10, 1),
    f(isPapers ? "Shred anything with your name or account numbers on it" : "Put the bin items straight into a rubbish bag", 3, 2),
    f(`Wipe the empty space in ${area}`, 5, 3),
    f(`Put the keep items back in ${area}, grouped by type`, 8, 1),
    f(`Move to the next section of ${area} and sort it the same way`, 15, 1),
    f(isPapers ? "Put the act-on papers in one tray by your keys" : "Put the donate box in the car or by the door", 3, 1),
    f("Take the rubbish bag out to the bin", 2, 2),
    f(`Take a photo of the cleared ${c.noun || "space"} to remember the win`, 1, 3),
  ];
};

// ───────────────────────────── writing ─────────────────────────────

const SHORT_DOC_RE = /\b(e-?mail|note|card|letter|message|text|reply|postcard|thank[- ]you|invitation|invite|caption|bio|toast|speech|cover note)\b/;
const LONG_DOC_RE =
  /\b(report|essay|article|thesis|dissertation|blog(?: post)?|post|proposal|paper|manuscript|chapter|novel|story|newsletter|documentation|docs|write-?up|review|minutes|summary|statement|plan|policy|guide|brief|script|poem|book|assignment|coursework|application|case study|page|copy|content)\b/;

export function shortMessage(c: Ctx): Fine[] {
  const doc = match(c.objLower, /\b(e-?mail|note|card|letter|message|text|postcard|invitation|caption|bio|toast|speech)\b/, "message").replace("e-mail", "email");
  const thanks = /thank/.test(c.all);
  const gentle = /condolence|sympathy|sorry|loss|funeral|bereave|get well|passed away/.test(c.all);
  const toMatch = /\b(?:to|for)\s+(.+)$/i.exec(c.tail);
  const whoRaw = toMatch?.[1] ? toMatch[1].replace(/\s+(about|for|re)\s+.*$/i, "") : null;
  const whoCut = whoRaw?.replace(/\s+(in|with|by|on|at|before|after|using|about)\s+.*$/i, "") ?? null;
  const who = whoCut && !SHORT_DOC_RE.test(whoCut.toLowerCase()) ? whoCut : null;
  const whoText = who ?? (thanks ? "the person you're thanking" : "them");
  const thePiece = definite(c.core.toLowerCase().includes(doc) ? c.core : `the ${doc}`);
  const digital = /email|message|text|caption|bio/.test(doc);
  const formal = !thanks && !gentle && (/\b(mp|council|landlord|bank|company|manager|school|hr|insurer|provider|complaint|complain|solicitor|employer|university|agency|department|editor|ombudsman)\b/.test(c.all) || /\bformal\b/.test(c.all));
  if (formal) {
    const to = who ?? "them";
    return [
      f(digital ? `Open a new ${doc}${who ? ` to ${who}` : ""}` : `Open a new document for ${thePiece}`, 2, 1),
      f(`Write down the one thing you want ${to} to do`, 3, 1),
      f("List the facts, dates and reference numbers in order", 5, 1),
      f("Write a first line that says why you're writing", 3, 2),
      f("Add the facts in short paragraphs", 10, 1),
      f("Say clearly what you want to happen and by when", 3, 1),
      f("Sign off with your name and contact details", 2, 2),
      f(`Read ${thePiece} once and cut anything emotional or extra`, 3, 2),
      f(digital ? `Send ${thePiece}${who ? ` to ${who}` : ""}` : `Print, sign and post ${thePiece}`, 5, 1),
      f("Save a copy and set a reminder to follow up in 2 weeks", 2, 2),
    ];
  }
  const steps: Fine[] = [
    digital ? f(`Open a new ${doc}${who ? ` to ${who}` : ""}`, 2, 1) : f(`Get out a ${doc} and a pen you like`, 2, 1),
    thanks
      ? f(`Write down 2–3 specific things ${whoText} did that you're thankful for`, 5, 1)
      : f(`Write down the one thing you want ${whoText} to know`, 3, 1),
  ];
  if (doc === "email") steps.push(f(`Write a short subject line for ${thePiece}`, 2, 3));
  steps.push(
    thanks ? f(`Write an opening line that says thank you to ${whoText}`, 3, 2) : f(`Write a friendly opening line for ${thePiece}`, 3, 2),
    f(
      thanks
        ? "Add one sentence about each thing on your list"
        : gentle
          ? "Add one short memory or a line about what they mean to you"
          : digital
            ? "Add the details, dates or links they need"
            : "Add a favourite memory or a shared joke",
      8,
      1,
    ),
    thanks
      ? f("Add a line about the difference it made", 3, 3)
      : gentle
        ? f("Add a line offering one specific kind of help", 3, 3)
        : f(digital ? "Add a line saying what you'd like to happen next" : "Add a line about what you're looking forward to together", 3, 3),
    f("Write a warm sign-off with your name", 2, 2),
    f(`Read ${thePiece} out loud once and fix typos`, 3, 2),
  );
  if (digital) steps.push(f(`Send ${thePiece}${who ? ` to ${who}` : ""}`, 1, 1));
  else steps.push(f(`Put the ${doc} in an envelope and write the address`, 3, 2), f(`Post the ${doc} or hand it over`, 5, 1));
  return steps;
}

export function longDoc(c: Ctx): Fine[] {
  const topicTail = /^(on|about|for)\s/i.test(c.tail) ? ` ${c.tail}` : "";
  const doc = clip(definite(c.core || "the document") + topicTail, 60);
  const essay = /\b(essay|assignment|coursework|dissertation|thesis)\b/.test(c.objLower);
  const report = /\b(report|review|summary|minutes|write-?up|case study)\b/.test(c.objLower);
  const steps: Fine[] = [f(`Open a new document and type the title of ${doc}`, 2, 1)];
  if (essay) steps.push(f(`Reread the question for ${doc} and underline the key words`, 3, 1));
  else steps.push(f(`Write one sentence on what ${doc} needs to say`, 3, 2));
  if (report) steps.push(f(`Pull the figures and notes for ${doc} into one folder`, 10, 1));
  else if (essay) steps.push(f(`Find 3–5 sources for ${doc} and save the links`, 15, 1));
  else steps.push(f(`Gather your notes and links for ${doc} in one folder`, 10, 2));
  steps.push(
    f(`Write 4–6 section headings for ${doc}`, 5, 1),
    f("Jot 2–3 bullet points under each heading", 10, 2),
    f("Write a rough first draft of the easiest section", 10, 1),
    f("Draft the next section from its bullet points", 10, 2),
    f("Draft the remaining sections one at a time", 15, 1),
    essay ? f("Write the introduction and the conclusion", 10, 2) : f(`Write a short summary at the top of ${doc}`, 8, 2),
    f("Read the draft out loud and fix anything that trips you up", 10, 1),
    essay ? f("Add the references and check the word count", 8, 2) : f(`Check the names, numbers and dates in ${doc}`, 5, 2),
    f(essay ? `Submit ${doc} and save the confirmation` : `Send ${doc} to whoever needs it`, 2, 1),
  );
  return steps;
}

export const writing: Template = (c) => {
  if (c.verb && /^(edit|proofread|review|check|read|prepare|prep|get ready|attend|go)$/.test(c.verb)) return null;
  if (/\blist\b/.test(c.objLower)) return null; // lists are handled by the "write" action template
  if (SHORT_DOC_RE.test(c.objLower) && !/\b(report|essay|article|proposal|blog)\b/.test(c.objLower)) return shortMessage(c);
  if (LONG_DOC_RE.test(c.objLower) || !c.stepMode) return longDoc(c);
  return null;
};

// ───────────────────────────── communication ─────────────────────────────

const FAMILY_RE = /\b(mum|mom|dad|mother|father|gran|grandma|grandad|grandpa|nan|nana|granny|sister|brother|aunt|auntie|uncle|cousin|friend|partner|wife|husband|boyfriend|girlfriend|son|daughter|kids)\b/;

export const communication: Template = (c) => {
  const inbox = /\b(emails|inbox|messages|texts|voicemails|backlog|notifications)\b/.test(c.objLower) && !/\b(to|from)\s+\p{L}/u.test(c.tail);
  if (inbox) {
    const box = match(c.objLower, /\b(emails|inbox|messages|texts|voicemails)\b/, "emails");
    const thing = box === "inbox" ? "emails" : box;
    return [
      f(`Open your ${thing === "emails" ? "inbox" : thing} and set a 20-minute timer`, 2, 1),
      f("Archive or delete the newsletters and notifications", 5, 1),
      f(`Star the ${thing} that need a reply`, 5, 2),
      f(`Reply to the ${thing} that take under 2 minutes`, 10, 1),
      f("Send a one-line holding reply to anything that needs longer", 5, 2),
      f(`Turn the bigger ${thing} into tasks on your list`, 5, 2),
      f("Unsubscribe from 3 mailing lists you never read", 3, 3),
      f(`Reply to the most important starred ${thing.replace(/s$/, "")}`, 10, 1),
      f(`Reply to the next starred ${thing.replace(/s$/, "")}`, 10, 2),
      f(`Close the ${thing === "emails" ? "inbox" : thing} and note how many are left`, 1, 2),
    ];
  }
  if (c.verb === "thank") {
    const person = c.core || "them";
    const forWhat = /^for\s+(.+)$/i.exec(c.tail)?.[1] ?? null;
    return [
      f("Decide how to say thanks: a text, a card or a call", 1, 1),
      f(`Write down what you're thanking ${person} for${forWhat ? `: ${forWhat}` : ""}`, 2, 2),
      f(`Open a new message to ${person}`, 1, 1),
      f(`Write one line saying thank you${forWhat ? ` for ${forWhat}` : ""}`, 2, 1),
      f("Add one specific detail you loved about it", 2, 2),
      f("Add a warm sign-off", 1, 3),
      f("Read it once and fix any typos", 1, 3),
      f(`Send the thank-you to ${person}`, 1, 1),
    ];
  }
  const call = /^(call|phone|ring|call back|ring back)$/.test(c.verb ?? "") || (!c.verb && /\b(call|phone)\b/.test(c.lower));
  let who = c.core.replace(/^(the|a|an)\s+(call|email|message|text|reply)\s*(to|with)?\s*/i, "").trim();
  // "Tom's WhatsApp" → Tom; the channel word is not the person.
  who = who.replace(/'s\s+(whatsapp|email|e-mail|message|messages|text|texts|voicemail|dm|call|letter|invite)$/i, "");
  if (/^(an?|the)?\s*(email|e-mail|message|text|call)s?$/i.test(who)) who = "";
  // "Chase the refund from the airline", "Email the report to Sam": the person is in the tail, the thing is the topic.
  const tailPerson = /^(?:from|with|to)\s+(.+)$/i.exec(c.tail)?.[1]?.replace(/\s+(about|re|regarding)\s+.*$/i, "");
  let topicFromCore: string | null = null;
  if (tailPerson && c.parsed.prep === null && !FAMILY_RE.test(who.toLowerCase()) && !/^\p{Lu}/u.test(who) && !/\b(landlord|boss|manager|team|recruiter|doctor|dentist|plumber|council|bank|school|teacher|client|customer|friend|neighbour|colleague)\b/i.test(who)) {
    topicFromCore = who;
    who = tailPerson;
  }
  const whoOr = who || "them";
  // Grammar for an unnamed person: "what they agreed", "if they haven't replied".
  const whoSubj = who || "they";
  const needs = who ? "needs" : "need";
  const hasnt = who ? "hasn't" : "haven't";
  const family = FAMILY_RE.test(who.toLowerCase()) || (/^\p{Lu}/u.test(who) && !/\b(the|your)\b/i.test(who));
  const topic = c.topic ?? topicFromCore;
  // "Call the GP to get test results": the purpose is part of what to say.
  const purpose = /^to\s+([\p{L}'-]+)\b/u.test(c.tail) && IMPERATIVE_VERBS.has((/^to\s+([\p{L}'-]+)/u.exec(c.tail)?.[1] ?? "").toLowerCase()) ? clip(c.tail, 80) : null;
  if (call) {
    const steps: Fine[] = [
      who ? f(`Find ${possessive(who)} phone number and put it in your phone`, 2, 1) : f("Write down who you need to call and their number", 2, 1),
      f(`Write down what you want from the call${topic ? ` about ${topic}` : purpose ? ` ${purpose}` : who ? ` with ${who}` : ""}`, 3, 1),
      f("Write the first sentence you'll say on a sticky note", 2, 2),
      family ? f(`Note one thing to ask ${whoOr} about`, 2, 3) : f("Put any reference numbers, dates or letters next to you", 2, 3),
      family ? f("Find a quiet spot and put your headphones in", 1, 3) : f(`Check ${who ? possessive(who) : "their"} opening hours`, 2, 3),
      f(who ? `Call ${who} and work through your points` : "Make the call and work through your points", 10, 1),
      f("Write down what was agreed, with names and dates", 3, 1),
      f("Put any follow-up dates from the call in your calendar", 2, 2),
      family ? f(`Put a reminder to catch up with ${whoOr} again`, 1, 3) : f(`Send a short email confirming what ${whoSubj} agreed`, 3, 3),
    ];
    return steps;
  }
  const channel = /^(text|message)$/.test(c.verb ?? "") || /\b(text|whatsapp|dm|slack|message)\b/.test(c.lower) ? "message" : "email";
  const reply = /^(reply|respond|answer|get back|write back)$/.test(c.verb ?? "") || /\breply\b/.test(c.lower);
  const app = /\b(whatsapp|slack|teams|signal|messenger|instagram|linkedin|discord)\b/i.exec(c.title)?.[1];
  const steps: Fine[] = [
    reply
      ? f(`Open ${app ? capitalise(app.toLowerCase()).replace("Whatsapp", "WhatsApp").replace("Linkedin", "LinkedIn") : `your ${channel === "email" ? "inbox" : "messages"}`} and find the last message from ${whoOr}`, 2, 1)
      : f(`Open a new ${channel} to ${whoOr}`, 2, 1),
    f(`Write down the one thing you need ${whoOr} to know or do`, 3, 1),
    topic
      ? f(`Note the key facts about ${topic}: what, when and why`, 5, 2)
      : f(`Note the facts, dates or numbers ${whoSubj} ${needs}`, 5, 2),
    f("Gather any photos, links or reference numbers to attach", 3, 3),
  ];
  if (channel === "email") steps.push(f(`Write a subject line that mentions ${topic ?? "what it's about"}`, 2, 3));
  steps.push(
    f(`Draft the ${channel} to ${whoOr} in 3–5 short sentences`, 8, 1),
    f(`Add a line asking ${whoOr} for a clear next step and a date`, 2, 2),
    f(`Read the ${channel} once and cut anything extra`, 3, 2),
    f(`Send the ${channel} to ${whoOr}`, 1, 1),
    f(`Set a reminder to follow up in 3 days if ${whoSubj} ${hasnt} replied`, 2, 2),
  );
  return steps;
};

// ───────────────────────────── admin ─────────────────────────────

function taxSteps(c: Ctx): Fine[] {
  const selfEmployed = /self[- ]employed|freelanc|sole trader|side hustle|contractor/.test(c.all);
  return [
    f("Make a folder labelled Taxes for this year's papers", 3, 1),
    f("Find your login for the tax website and check it works", 5, 2),
    f("Gather last year's tax return, payslips and bank statements", 10, 1),
    f("Gather the receipts for any expenses you can claim", 10, 2),
    selfEmployed ? f("List every invoice you sent this tax year as self-employed income", 10, 1) : f("List your income sources for the year", 5, 2),
    f("Add up your total income for the tax return", 10, 1),
    f("Add up the expenses you can claim", 10, 1),
    f("Fill in the income section of the tax return", 15, 1),
    f("Fill in the expenses section of the tax return", 10, 2),
    f("Check the totals on the tax return against your bank statements", 10, 2),
    f("Submit the tax return and save the confirmation", 5, 1),
    f("Put the tax payment deadline in your calendar", 2, 2),
  ];
}

function renewalSteps(c: Ctx, doc: string): Fine[] {
  const needsPhoto = /passport|licen[cs]e|id card|visa|permit|railcard|card/.test(doc);
  const steps: Fine[] = [
    f(`Find your current ${doc} and check its expiry date`, 2, 1),
    f(`Open the official ${doc} renewal page`, 3, 1),
    f(`Check which documents the ${doc} form asks for`, 5, 2),
  ];
  if (needsPhoto) {
    steps.push(f(`Get a new ${doc} photo taken at a photo booth or shop`, 15, 1), f("Check the photo meets the size and background rules", 3, 3));
  }
  steps.push(
    f(`Gather your old ${doc} number, address and payment card`, 5, 2),
    f(`Fill in the ${doc} renewal form`, 15, 1),
    needsPhoto ? f("Upload or attach the photo and documents", 5, 2) : f("Attach any documents the form asks for", 5, 2),
    f(`Pay the ${doc} renewal fee`, 5, 1),
    f("Save the confirmation email and reference number", 2, 2),
  );
  if (/passport/.test(doc)) steps.push(f("Post your old passport if the form asks for it", 10, 3));
  steps.push(f(`Put a reminder in your calendar to check on the ${doc} in 3 weeks`, 2, 3));
  return steps;
}

function insuranceSteps(c: Ctx): Fine[] {
  const what = match(c.objLower, /\b((?:car|home|house|contents|pet|travel|health|life|van|bike|phone)\s+insurance|insurance)\b/, "insurance");
  if (/\bclaim\b/.test(c.all)) {
    return [
      f(`Find your ${what} policy number`, 3, 1),
      f(`Take photos of ${/^for\s/i.test(c.tail) ? clip(c.tail.replace(/^for\s+/i, ""), 50) : "the damage or the problem"}`, 5, 1),
      f("Write down what happened, when and where", 5, 1),
      f("Gather the receipts or quotes for the damage", 10, 2),
      f(`Open the claims page on your ${what} provider's website`, 3, 2),
      f(`Fill in the ${what} claim form`, 15, 1),
      f("Attach the photos and receipts to the claim", 5, 2),
      f("Submit the claim and save the reference number", 3, 1),
      f("Put a reminder in your calendar to chase the claim in 2 weeks", 2, 3),
    ];
  }
  return [
    f(`Find your current ${what} renewal letter or email`, 3, 1),
    f("Write down this year's price and what it covers", 5, 1),
    f(`Get 3 ${what} quotes from a comparison site`, 15, 1),
    f("Compare the cover, excess and price of each quote", 10, 2),
    f(`Call your current ${what} provider and ask them to match the best quote`, 10, 2),
    f(`Choose the ${what} policy and pay for it`, 10, 1),
    f("Save the policy documents in your admin folder", 3, 2),
    f("Turn off auto-renewal on the old policy if you switched", 5, 2),
    f(`Put the next ${what} renewal date in your calendar`, 2, 3),
  ];
}

export function billSteps(c: Ctx): Fine[] {
  const bill = c.core && /bill|invoice|fine|ticket|rent|tax|fee/.test(c.objLower) ? c.core : "the bill";
  return [
    f(`Find ${bill} letter or email`, 2, 1),
    f(`Check the amount and the due date on ${bill}`, 2, 1),
    f(`Write down the reference number from ${bill}`, 1, 2),
    f(`Check ${bill} against last month's to spot mistakes`, 5, 3),
    f("Open your banking app", 1, 2),
    f(`Pay ${bill} using the reference number`, 5, 1),
    f("Screenshot the payment confirmation", 1, 2),
    f(`Set up a direct debit so ${bill} pays itself next time`, 10, 3),
    f(`File ${bill} in your admin folder`, 2, 2),
    f("Put the next due date in your calendar", 2, 2),
  ];
}

function budgetSteps(c: Ctx): Fine[] {
  return [
    f("Open your banking app and last month's statement", 2, 1),
    f("Write down your monthly income after tax", 3, 1),
    f("List your fixed costs: rent, bills, subscriptions", 10, 1),
    f("Add up last month's spending on food, transport and fun", 15, 1),
    f("Highlight 3 costs you could cut or cancel", 5, 2),
    f(`Set a weekly spending limit in ${c.core || "the budget"}`, 5, 1),
    f("Set up a standing order for savings on payday", 5, 2),
    f("Cancel one subscription you don't use", 5, 3),
    f("Put a 10-minute money check-in in your calendar every Sunday", 2, 2),
  ];
}

function cancelSteps(c: Ctx): Fine[] {
  const what = c.core || "the subscription";
  return [
    f(`Find the login or account number for ${what}`, 3, 1),
    f(`Check the notice period and cancellation terms for ${what}`, 5, 2),
    f(`Open the cancel page for ${what} or find their phone number`, 3, 1),
    f("Write down the date you want it to end", 1, 3),
    f(`Cancel ${what} online or by phone`, 10, 1),
    f("Write down the cancellation reference number", 2, 1),
    f("Screenshot or save the cancellation email", 1, 2),
    f("Cancel the direct debit after the last payment", 5, 2),
    f("Put a reminder to check your next statement in your calendar", 2, 3),
  ];
}

export function formSteps(c: Ctx): Fine[] {
  const what = !c.core ? "the paperwork" : /^(the )?to\s/i.test(c.core) || c.parsed.prep === "to" ? `the form to ${c.noun.replace(/^to\s+/i, "")}` : c.core;
  return [
    f(`Open ${what} or put the paper copy on the table with a pen`, 2, 1),
    f(`Read ${what} once and highlight what it asks you to do`, 5, 1),
    f(`List the documents and numbers ${what} needs`, 5, 2),
    f("Gather those documents in one place", 10, 1),
    f(`Fill in the easy parts of ${what} first: name, address, dates`, 5, 1),
    f(`Fill in the rest of ${what}`, 15, 1),
    f("Write down any questions you can't answer and who to ask", 3, 3),
    f(`Check every page of ${what} for missed boxes and signatures`, 5, 2),
    f(`Submit or post ${what}`, 5, 1),
    f(`Save a copy or photo of ${what} and the confirmation`, 2, 2),
    f("Put a follow-up reminder in your calendar for 2 weeks' time", 2, 3),
  ];
}

export const admin: Template = (c) => {
  if (c.verb && /^(send|email|forward|post|write|draft|create|make|print|scan|read|check)$/.test(c.verb)) return null;
  if (/\b(tax(es)?|tax return|self[- ]assessment|hmrc|irs)\b/.test(c.objLower) && !/\b(council tax|car tax|road tax)\b/.test(c.objLower)) {
    if (/\b(bill|pay)\b/.test(c.lower) && !/return/.test(c.lower)) return billSteps(c);
    return taxSteps(c);
  }
  const doc = /\b(passport|visa|driving licen[cs]e|driver'?s licen[cs]e|licen[cs]e|id card|residence permit|railcard|membership|permit)\b/.exec(c.objLower);
  if (doc?.[1] && (c.verb === "renew" || /renew|expir/.test(c.all) || !c.verb || c.verb === "get" || c.verb === "sort out")) return renewalSteps(c, doc[1]);
  if (/\binsurance\b/.test(c.objLower)) return insuranceSteps(c);
  if (/\b(direct debit|standing order)\b/.test(c.objLower)) {
    const forWhat = /\bfor\s+(.+)$/i.exec(c.tail)?.[1] ?? "the payment";
    const kind = /standing order/.test(c.objLower) ? "standing order" : "direct debit";
    return [
      f("Open your banking app", 1, 1),
      f(`Find the payee details for ${forWhat}: sort code, account number and reference`, 5, 1),
      f(`Check the amount and the date ${forWhat} is due each month`, 2, 2),
      f(`Add the payee for ${forWhat}`, 3, 2),
      f(`Set up the ${kind} with the amount, date and reference`, 5, 1),
      f("Screenshot the confirmation", 1, 2),
      f("Put the first payment date in your calendar", 1, 2),
      f("Cancel any old payment for the same thing", 3, 3),
    ];
  }
  if (/\bpension\b/.test(c.objLower)) {
    return [
      f("Find your latest pension statement or your login", 3, 1),
      f("Log in and write down the current value of your pension", 5, 1),
      f("Check how much you and your employer pay in each month", 5, 1),
      f("List any old workplace pensions you might have", 5, 2),
      f("Search the government pension tracing service for lost pensions", 10, 3),
      f("Check who is named as your pension beneficiary", 3, 2),
      f("Write down your questions about your pension", 3, 2),
      f("Book a call with your pension provider or a free advice service", 5, 1),
      f("File the pension statements in your admin folder", 2, 3),
    ];
  }
  if (/\b(notice|resign|resignation)\b/.test(c.all)) {
    const job = /\b(job|work|boss|manager|employer|resign|resignation|hr)\b/.test(c.all);
    const who = job ? "your manager" : "your landlord";
    return [
      f(job ? "Find your contract and check the notice period" : "Find your tenancy agreement and check the notice period", 3, 1),
      f("Work out your last day from the notice period", 2, 1),
      f(`Write a short notice ${job ? "letter" : "email"} to ${who} with your last day`, 10, 1),
      f("Read it once and keep it polite and short", 2, 2),
      f(`Send the notice to ${who} and keep a copy`, 2, 1),
      f(`Ask ${who} to confirm they've received it`, 2, 2),
      f("Put your last day in your calendar", 1, 2),
      job ? f("List the handover tasks before you leave", 10, 3) : f("Book a meter reading and the check-out for your last day", 5, 3),
    ];
  }
  if (c.verb === "cancel" || /\bcancel\b/.test(c.lower)) return cancelSteps(c);
  if (/\b(budget|finances|money|spending|savings)\b/.test(c.objLower)) return budgetSteps(c);
  if (c.verb === "pay" || /\b(bills?|invoice|fine|parking ticket|rent)\b/.test(c.objLower)) return billSteps(c);
  if (doc?.[1]) return renewalSteps(c, doc[1]);
  return formSteps(c);
};

// ───────────────────────────── appointments ─────────────────────────────

const PROVIDERS: ReadonlyArray<readonly [RegExp, string, string, boolean]> = [
  // pattern, who, appointment noun, medical?
  [/\bdentist|dental\b/, "the dentist", "dentist appointment", true],
  [/\b(gp|doctor|doctor's)\b/, "the doctor", "doctor's appointment", true],
  [/\b(haircut|hairdresser|barber|hair)\b/, "the hairdresser", "haircut", false],
  [/\bvet\b/, "the vet", "vet appointment", false],
  [/\b(optician|eye test|eyes? tested|glasses|contact lenses)\b/, "the optician", "eye test", true],
  [/\b(therapist|therapy|counsell?or)\b/, "the therapist", "therapy session", true],
  [/\bphysio/, "the physio", "physio appointment", true],
  [/\b(blood test|vaccine|vaccination|jab|smear|nurse|scan)\b/, "the surgery", "appointment", true],
  [/\b(mot|car service|mechanic|garage)\b/, "the garage", "car service", false],
  [/\b(beautician|waxing|eyebrows|tattoo)\b/, "the salon", "appointment", false],
  [/\b(nails|massage)\b/, "the salon", "appointment", false],
];

export const appointment: Template = (c) => {
  const found = PROVIDERS.find(([re]) => re.test(c.all));
  if (!found && !/\bappointment|appt|check-?up\b/.test(c.objLower) && c.core) {
    // Booking a thing rather than a person: a venue, a table, tickets, a class.
    const thing = definite(c.core);
    return [
      f(`Find the website or phone number for ${thing}`, 2, 1),
      f("Check your calendar for 2–3 dates that work", 3, 1),
      f("Write down the details: date, time and number of people", 2, 2),
      f(`Check the price and what's included for ${thing}`, 5, 2),
      f(`Book ${thing} online or by phone`, 5, 1),
      f("Pay any deposit and save the booking reference", 3, 1),
      f(`Put ${thing} in your calendar with the address`, 2, 2),
      f("Set a reminder a few days before", 1, 3),
    ];
  }
  const who = found?.[1] ?? (c.noun && !/appointment/.test(c.noun) ? c.core : "the clinic");
  let appt = found?.[2] ?? (/appointment/.test(c.objLower) ? c.noun : "appointment");
  if (/\bmot\b/.test(c.objLower)) appt = "MOT";
  // "a vet check-up", "a dentist appointment": the user's own words name the appointment best.
  else if (found && c.noun && found[0].test(c.noun.toLowerCase()) && /\b(appointment|check-?up|haircut|test|scan|cleaning|review|session|jab|vaccination)\b/i.test(c.noun) && c.noun.split(" ").length <= 4) {
    appt = /\b(appointment|check-?up|haircut|session|review)\b/i.test(c.noun) ? c.noun : `${c.noun} appointment`;
  }
  const pet = /\b(cat|dog|puppy|kitten|rabbit|hamster|guinea pig|pet)\b/.exec(c.objLower)?.[1];
  // "Get a flu jab", "Book an MOT": the thing itself names the appointment better than a generic word.
  if (found && appt === "appointment" && c.noun && found[0].test(c.noun.toLowerCase()) && c.noun.split(" ").length <= 4) appt = `${c.noun} appointment`;
  const medical = found?.[3] ?? true;
  const attending = c.verb === "go" || c.verb === "attend" || c.verb === "take" || /\bgo to\b/.test(c.lower);
  if (attending) {
    return [
      f(`Check the time and address of the ${appt}`, 2, 1),
      ...(pet ? [f(`Put the ${pet} in the carrier or on the lead 15 minutes before you leave`, 5, 1)] : []),
      f(`Set an alarm for when to leave for ${who}`, 1, 1),
      medical ? f(`Write down the symptoms and questions for ${who}`, 5, 2) : f(`Write down what you want from the ${appt}`, 3, 2),
      f("Put your ID, bank card and any letters in your bag", 2, 2),
      f(`Leave for ${who} 10 minutes early`, 10, 1),
      f("Tell reception you've arrived", 1, 3),
      f(`Ask ${who} what the next step is before you leave`, 2, 2),
      f("Book any follow-up appointment before you leave", 3, 2),
      f("Add the follow-up dates to your calendar", 2, 3),
    ];
  }
  return [
    f(`Find ${possessive(who)} phone number or booking page`, 2, 1),
    f(`Check your calendar for 3 times that work for the ${appt}`, 3, 1),
    pet
      ? f(`Write down the ${pet}'s symptoms or what the visit is for`, 3, 2)
      : who === "the garage"
        ? f("Find the car's registration number and mileage", 2, 2)
        : medical
          ? f("Find your patient number or registration details", 2, 3)
          : f(`Save a photo or note of what you want from ${who}`, 3, 3),
    f(`Write down in one line why you need the ${appt}`, 2, 2),
    f(`Call ${who} or go online and book the ${appt}`, 5, 1),
    f(`Add the ${appt} to your calendar with the address`, 2, 1),
    f(`Set a reminder for the day before the ${appt}`, 1, 2),
    f(`Plan how you'll get to ${who} and when to leave`, 3, 2),
    medical ? f(`Write down any questions to ask ${who}`, 3, 3) : f(`Save ${possessive(who)} confirmation text or email`, 1, 3),
  ];
};

// ───────────────────────────── shopping & errands ─────────────────────────────

const SMALL_ITEMS_RE = /\b(milk|bread|eggs|butter|toilet roll|loo roll|nappies|batteries|stamps|coffee|tea bags|cat food|dog food|bin bags|washing-up liquid|snacks|fruit|bananas|cheese)\b/;

export const shopping: Template = (c) => {
  if (/\b(groceries|grocery|food shop|weekly shop|big shop|supermarket|shopping)\b/.test(c.objLower) || (!c.verb && /shopping/.test(c.lower))) {
    return [
      f("Open a new shopping list on your phone", 1, 1),
      f("Check the fridge and cupboards for what's run out", 5, 1),
      f("Plan 3–4 meals for the week and add their ingredients to the list", 10, 2),
      f("Add the basics to the list: milk, bread, toilet roll", 2, 3),
      f("Put the bags, wallet and keys by the door", 2, 2),
      f("Go to the supermarket with the shopping list", 10, 1),
      f("Pick up the fresh food and fridge items on the list", 10, 1),
      f("Pick up the cupboard food and household basics", 10, 2),
      f("Pay for the groceries and pack the bags", 5, 2),
      f("Unpack the groceries and put the cold things away first", 8, 1),
    ];
  }
  if (/\berrands?\b/.test(c.objLower)) {
    return [
      f("Write every errand on one list", 2, 1),
      f("Put the errands in the order of your route", 3, 2),
      f("Gather what each errand needs: parcels, receipts, cards", 5, 1),
      f("Check the opening times for each stop", 3, 3),
      f("Put on your shoes and grab your keys and bag", 2, 2),
      f("Do the first errand on the list", 15, 1),
      f("Do the next errand on the list", 15, 1),
      f("Do the last errand on the list", 15, 2),
      f("Put away what you brought home from the errands", 5, 2),
      f("Cross the errands off the list", 1, 3),
    ];
  }
  if (c.verb && !/^(buy|shop|shop for|order|get|find)$/.test(c.verb)) return null; // "pick up", "collect", "return": errands
  if (/\b(contract|broadband|tariff|phone plan|sim|deal|energy supplier|mortgage|bank account|credit card)\b/.test(c.objLower)) {
    const deal = definite(c.core || "the deal");
    return [
      f(`Find your current ${c.noun.replace(/^new\s+/, "")} details and when it ends`, 3, 1),
      f("Write down what you use each month and what you pay now", 5, 1),
      f(`Compare 3 options for ${deal} on a comparison site`, 15, 1),
      f("Check the contract length, exit fees and reviews of each", 10, 2),
      f("Call your current provider and ask for their best offer", 10, 3),
      f(`Pick ${deal} that fits and sign up`, 10, 1),
      f("Save the confirmation and the new account number", 2, 2),
      f("Cancel the old one if it doesn't switch over by itself", 5, 2),
      f("Put the end date of the new deal in your calendar", 1, 3),
    ];
  }
  const item = definite(c.core || "what you need");
  if (SMALL_ITEMS_RE.test(c.objLower)) {
    return [
      f("Put your shoes on and grab your keys and wallet", 2, 1),
      f(`Check the fridge and cupboards for anything else you need besides ${c.noun}`, 2, 2),
      f(`Write ${c.noun} and the extras on a list`, 1, 2),
      f("Walk or drive to the nearest shop", 10, 1),
      f(`Pick up ${item}`, 3, 1),
      f("Pick up the extras on the list", 5, 2),
      f("Pay and pack the bag", 3, 2),
      f(`Put ${item} away when you get home`, 2, 1),
    ];
  }
  const forWho = /\bfor\s+(.+)$/i.exec(c.tail)?.[1];
  const gift = /\b(gift|present|birthday|christmas|card|flowers)\b/.test(c.all);
  return [
    gift ? f(`Write down your budget for ${item}`, 2, 1) : f(`Write down what you need ${item} for and your budget`, 3, 1),
    gift && forWho ? f(`List 3 things ${forWho} loves or needs`, 5, 1) : f(`Check you don't already have ${item} at home`, 2, 3),
    f(`Search for ${item} and open 3 options in tabs`, 10, 1),
    f("Compare the 3 options on price, reviews and delivery", 5, 2),
    f(`Pick one and add ${item} to the basket`, 2, 1),
    gift ? f(`Check the delivery date for ${item} is in time`, 2, 2) : f("Check the size, colour and quantity before paying", 2, 2),
    f(`Pay for ${item} and save the order confirmation`, 3, 1),
    f("Put the delivery date in your calendar", 1, 3),
    gift ? f("Buy a card and wrapping paper", 10, 3) : f(`Clear a space for ${item} at home`, 3, 3),
  ];
};

// ───────────────────────────── cooking ─────────────────────────────

export const cooking: Template = (c) => {
  const meal = c.core && !/^(the )?(cooking|meal|meals|food)$/.test(c.core) ? definite(c.core) : /lunch/.test(c.lower) ? "lunch" : "dinner";
  if (/meal ?prep|batch[- ]cook|meals for the week|lunches for the week/.test(c.all)) {
    return [
      f("Pick 2–3 recipes for the week's meals", 5, 1),
      f("Write a shopping list from the recipes", 5, 1),
      f("Buy the ingredients on the shopping list", 20, 2),
      f("Clear the counter and get out the pans, tubs and chopping board", 3, 2),
      f("Put the rice or pasta on to cook first", 3, 1),
      f("Wash and chop all the vegetables at once", 15, 1),
      f("Cook the first recipe", 20, 1),
      f("Cook the second recipe while the first one cools", 20, 2),
      f("Split the meals into tubs", 10, 1),
      f("Label the tubs with the day and put them in the fridge or freezer", 5, 2),
      f("Wash up the pans and boards", 10, 3),
    ];
  }
  if (/\b(packed lunch|lunchbox|lunch box|sandwich(es)?|salad|smoothie|overnight oats|wrap)\b/.test(c.objLower) && c.verb !== "bake") {
    return [
      f(`Get out a lunchbox or plate for ${meal}`, 1, 1),
      f(`Check the fridge for what you can use in ${meal}`, 2, 1),
      f("Wash any fruit or salad", 3, 2),
      f(`Make the main part of ${meal}`, 5, 1),
      f("Add a piece of fruit and a snack", 1, 2),
      f("Fill a water bottle", 1, 3),
      f(`Put ${meal} in the fridge or by your bag with your keys`, 1, 1),
      f("Wipe the counter and put things back in the fridge", 3, 2),
    ];
  }
  const bake = c.verb === "bake" || /\b(cake|cookies|biscuits|bread|muffins|brownies|pie)\b/.test(c.objLower);
  if (bake) {
    return [
      f(`Open the recipe for ${meal} and read it to the end`, 3, 1),
      f("Preheat the oven and line the tin", 3, 1),
      f(`Check you have every ingredient for ${meal}`, 3, 2),
      f("Weigh out all the ingredients into bowls", 8, 1),
      f("Mix the wet ingredients", 5, 2),
      f("Fold in the dry ingredients", 5, 2),
      f(`Put ${meal} in the oven and set a timer`, 2, 1),
      f("Wash up the bowls while it bakes", 8, 3),
      f(`Check ${meal} with a skewer when the timer goes`, 2, 2),
      f(`Leave ${meal} to cool on a rack`, 2, 2),
    ];
  }
  return [
    f(`Pick the recipe for ${meal} and open it on your phone`, 3, 1),
    f(`Check you have the ingredients for ${meal}`, 3, 1),
    f("Get out the pans and the chopping board", 2, 2),
    f("Wash and chop the vegetables", 10, 1),
    f("Measure out the rest of the ingredients", 5, 2),
    f("Start cooking the part that takes longest", 10, 1),
    f(`Cook the rest of ${meal}`, 15, 1),
    f("Wash up the prep bowls while it cooks", 5, 3),
    f(`Taste ${meal} and add salt or spice`, 2, 2),
    f(`Serve ${meal} and put the leftovers in the fridge`, 5, 1),
  ];
};

// ───────────────────────────── studying ─────────────────────────────

const LANG_RE = /\b(spanish|french|german|italian|portuguese|japanese|chinese|mandarin|cantonese|korean|arabic|russian|dutch|swedish|norwegian|danish|polish|greek|turkish|hindi|urdu|welsh|irish|latin|hebrew|finnish|czech|thai|vietnamese|indonesian|ukrainian|sign language|bsl|asl)\b/;
const INSTRUMENT_RE = /\b(piano|guitar|violin|drums|ukulele|bass|cello|flute|saxophone|singing|keyboard)\b/;

export const studying: Template = (c) => {
  if (/^(practise|practice|rehearse)$/.test(c.verb ?? "") && /\b(talk|speech|presentation|pitch|answers|lines|interview|toast|demo)\b/.test(c.objLower)) return null;
  const lang = LANG_RE.exec(c.objLower)?.[1];
  if (lang && !/\b(homework|assignment|exam|exams|test|essay|worksheet|coursework|oral|reading)\b/.test(c.objLower)) {
    const L = lang.split(" ").map(capitalise).join(" ");
    return [
      f(`Download a free ${L} app or open a beginner ${L} course`, 3, 1),
      f(`Write down a small goal for ${c.obj}, like ordering a coffee`, 2, 2),
      f(`Learn 10 everyday ${L} greetings and phrases`, 10, 1),
      f(`Make flashcards for the 10 ${L} phrases`, 8, 2),
      f(`Say the ${L} phrases out loud 3 times each`, 5, 3),
      f(`Learn the numbers 1 to 20 in ${L}`, 10, 1),
      f(`Listen to one short ${L} podcast or video for beginners`, 10, 2),
      f(`Write 3 sentences about yourself in ${L}`, 10, 1),
      f(`Review the ${L} flashcards from the last session`, 5, 2),
      f(`Set a daily 10-minute reminder for ${L} practice`, 2, 1),
      f(`Find a ${L} conversation class or language exchange`, 10, 3),
    ];
  }
  const instrument = INSTRUMENT_RE.exec(c.objLower)?.[1];
  if (instrument) {
    return [
      /piano|keyboard|drums/.test(instrument) ? f(`Sit down at the ${instrument} and open your music`, 2, 1) : f(`Take out the ${instrument} and put it where you'll sit`, 2, 1),
      /guitar|violin|ukulele|bass|cello/.test(instrument) ? f(`Tune the ${instrument} and warm up for 3 minutes`, 3, 2) : f(`Warm up on the ${instrument} for 3 minutes`, 3, 2),
      f(`Pick one short piece or exercise for ${c.obj}`, 2, 1),
      f("Play the first 4 bars slowly 5 times", 5, 1),
      f("Play the next 4 bars slowly 5 times", 5, 2),
      f("Put the two parts together at a slow tempo", 5, 1),
      f("Speed up a little with a metronome", 5, 2),
      f("Record yourself playing it once", 3, 3),
      f(`Put the ${instrument} practice in your calendar for tomorrow`, 1, 2),
    ];
  }
  const subject = c.core || "the material";
  if (c.verb === "read" || /\b(chapter|book|article|pages|paper|reading)\b/.test(c.objLower)) {
    return [
      f(`Open ${subject} at the start and put your phone face down`, 1, 1),
      f(`Skim the headings of ${subject} for 2 minutes`, 2, 2),
      f("Write 2 questions you want the reading to answer", 3, 3),
      f("Set a 15-minute reading timer", 1, 2),
      f(`Read the first section of ${subject}`, 10, 1),
      f("Write a one-line summary of that section", 2, 2),
      f(`Read the next section of ${subject}`, 10, 1),
      f("Highlight or note the 3 most important points", 5, 2),
      f(`Read the last section of ${subject}`, 10, 1),
      f(`Write down what ${subject} said in 3 bullet points`, 5, 1),
    ];
  }
  if (/\b(exam|exams|test|revision|revise|finals|quiz)\b/.test(c.all)) {
    return [
      f(`Write the date of ${subject} at the top of a page`, 1, 1),
      f(`List the topics that will come up in ${subject}`, 5, 1),
      f("Mark each topic red, amber or green by how well you know it", 5, 2),
      f("Pick the first red topic to revise", 1, 2),
      f("Read your notes on that topic for 10 minutes", 10, 1),
      f("Make 5 flashcards on the topic", 8, 2),
      f("Do one past paper question on the topic", 10, 1),
      f("Check your answer against the mark scheme", 5, 2),
      f("Test yourself on the flashcards without looking", 5, 2),
      f(`Put the next 3 revision sessions for ${subject} in your calendar`, 3, 1),
    ];
  }
  const homework = /\b(homework|assignment|coursework|worksheet|problem set)\b/.test(c.objLower);
  return [
    homework ? f(`Get out ${subject} and read the instructions`, 2, 1) : f(`Open ${subject} and find where you left off`, 2, 1),
    f("Put your phone in another room and set a 25-minute timer", 1, 2),
    f(`Skim the next part of ${subject} for 2 minutes`, 2, 3),
    homework ? f("Do the first question or part", 10, 1) : f(`Work through the first lesson or section of ${subject}`, 15, 1),
    f("Write 3 key points in your own words", 5, 1),
    homework ? f("Do the next question or part", 10, 1) : f(`Do the exercises or questions for ${subject}`, 10, 1),
    f("Write down one thing you didn't understand to look up", 2, 2),
    f("Test yourself on the 3 key points without looking", 3, 2),
    homework ? f(`Check ${subject} and hand it in`, 5, 1) : f(`Put the next study session for ${subject} in your calendar`, 2, 2),
  ];
};

// ───────────────────────────── exercise ─────────────────────────────

export const exercise: Template = (c) => {
  if (/\bdog\b/.test(c.objLower)) {
    return [
      f("Put the lead, poo bags and treats by the door", 2, 1),
      f("Put on your shoes and a coat for the weather", 2, 2),
      f("Fill a water bottle for you and the dog", 1, 3),
      f("Clip the lead on the dog", 1, 1),
      f("Walk the dog to the park or round the block", 15, 1),
      f("Let the dog sniff and play for 10 minutes", 10, 2),
      f("Walk the dog home the long way", 10, 2),
      f("Wipe the dog's paws at the door", 2, 2),
      f("Refill the dog's water bowl", 1, 3),
    ];
  }
  if (/\bgym\b/.test(c.all)) {
    return [
      f("Put your gym clothes and trainers by the door", 2, 1),
      f("Look up the gym's opening hours and quiet times", 3, 2),
      f("Pick 2 days this week and put gym sessions in your calendar", 3, 1),
      f("Pack your gym bag with a water bottle, towel and headphones", 5, 2),
      f("Write a simple first gym workout: 10 minutes cardio, 3 machines, stretch", 5, 2),
      f("Go to the gym at the time you planned", 10, 1),
      f("Warm up for 5 minutes on the bike or treadmill", 5, 1),
      f("Do 2 sets on each of the 3 machines", 10, 1),
      f("Stretch for 5 minutes before you leave the gym", 5, 2),
      f("Log the gym workout in your notes app", 2, 3),
      f("Book your next gym session in your calendar", 2, 2),
    ];
  }
  const home = /\b(yoga|pilates|stretch|stretches|stretching|meditat\w*|breathing)\b/.exec(c.all)?.[1];
  if (home) {
    const name = /^meditat/.test(home) || home === "breathing" ? "meditation" : home.startsWith("stretch") ? "stretching" : home;
    const mins = /\b(\d{1,2})[- ]?(?:minutes?|mins?)\b/.exec(c.all)?.[1] ?? (/\bten\b/.test(c.all) ? "10" : /\bfive\b/.test(c.all) ? "5" : "15");
    return [
      f(name === "meditation" ? "Find a quiet spot and sit comfortably" : "Clear a space on the floor and roll out a mat", 2, 1),
      f("Put your phone on do not disturb", 1, 2),
      f(`Pick a ${mins}-minute ${name} video or routine`, 2, 1),
      f(`Set a timer for ${mins} minutes`, 1, 2),
      f(name === "meditation" ? "Meditate for the first half, following your breath" : `Do the first half of the ${name}`, Math.max(2, Math.round(Number(mins) / 2)), 1),
      f(name === "meditation" ? "Meditate for the second half, starting again each time your mind wanders" : `Do the second half of the ${name}`, Math.max(2, Math.round(Number(mins) / 2)), 1),
      f("Lie or sit still for one minute at the end", 1, 3),
      f("Drink a glass of water", 1, 3),
      f(`Tick off the ${name} in your habit tracker`, 1, 2),
    ];
  }
  const act = match(
    c.all,
    /\b(run|running|jog|jogging|walk|walking|swim|swimming|cycle|cycling|bike ride|hike|hiking|yoga|pilates|stretching|stretches|workout|tennis|football|climbing|dance class|5k|10k)\b/,
    "workout",
  )
    .replace(/^(running|jogging)$/, "run")
    .replace(/^walking$/, "walk")
    .replace(/^swimming$/, "swim")
    .replace(/^cycling$/, "bike ride")
    .replace(/^hiking$/, "hike")
    .replace(/^(stretching|stretches)$/, "stretching session")
    .replace(/^(yoga|pilates)$/, "$1 session")
    .replace(/^(5k|10k)$/, "$1 run");
  const planPhrase = c.obj && !c.obj.toLowerCase().includes(act.split(" ")[0] ?? act) ? `${c.obj} ${act}` : c.obj || `the ${act}`;
  return [
    f(`Lay out your clothes and shoes for the ${act}`, 2, 1),
    f("Fill a water bottle", 1, 3),
    f(`Pick the route, class or video and the time for ${planPhrase}`, 3, 2),
    f(`Put the ${act} in your calendar with a reminder`, 2, 2),
    f("Warm up for 5 minutes with gentle movement", 5, 1),
    f(`Do the first 10 minutes of the ${act}`, 10, 1),
    f(`Do the rest of the ${act} at an easy pace`, 15, 1),
    f("Cool down and stretch for 5 minutes", 5, 2),
    f("Drink some water and change out of sweaty clothes", 5, 3),
    f(`Log the ${act} and plan the next one`, 2, 2),
  ];
};

// ───────────────────────────── coding ─────────────────────────────

export const coding: Template = (c) => {
  const target = c.core || "the code";
  const ci = /\b(ci|pipeline|github actions|build server)\b/.test(c.all);
  if (/\btests?\b/.test(c.objLower) && (/\b(flaky|fail|failing|broken|red|intermittent)\b/.test(c.all) || c.verb === "fix" || c.verb === "debug")) {
    const flaky = /flaky|intermittent|sometimes|one (run )?in|randomly|occasionally|\d+%/.test(c.all);
    const steps: Fine[] = [f(`Open ${target} in your editor`, 2, 1)];
    if (ci) steps.push(f("Open the last failing CI run and copy the error output", 5, 1));
    steps.push(
      f(`Run ${target} locally once to see if it passes`, 3, 2),
      flaky ? f(`Run ${target} in a loop 20 times and count the failures`, 10, 1) : f("Read the assertion that fails and the values it got", 5, 1),
      f("Read the failure message and stack trace line by line", 5, 1),
      flaky
        ? f("Write down 2–3 likely causes: timing, shared state, test order, network", 5, 2)
        : f("Write down 2–3 likely causes: changed code, test data, environment", 5, 2),
      f(`Check ${target} for fixed waits, timeouts and shared test data`, 10, 1),
      f("Make the smallest change that removes one cause", 10, 1),
      flaky ? f("Rerun the test 20 times to confirm it's stable", 10, 1) : f("Rerun the test and the tests around it", 5, 1),
      f("Commit the fix with a message explaining the cause", 3, 2),
      f(ci ? "Open a pull request and link the failing CI run" : "Open a pull request for the test fix", 5, 2),
    );
    return steps;
  }
  if (/\b(bug|crash|crashes|error|exception|broken|issue|not working|doesn't work|fails?)\b/.test(c.all) || c.verb === "fix" || c.verb === "debug") {
    return [
      f(`Open the bug report or error message for ${c.obj || target}`, 2, 1),
      f(`Write down the exact steps that trigger ${target}`, 5, 1),
      f("Reproduce the bug on your machine", 10, 1),
      f("Find the line where it breaks using the stack trace or logs", 10, 1),
      f("Write a failing test that shows the bug", 10, 2),
      f("Make the smallest fix that makes the test pass", 10, 1),
      f("Run the full test suite", 5, 2),
      f("Check the fix by hand in the app", 5, 2),
      f("Commit the fix with a clear message", 3, 2),
      f("Open a pull request and ask for a review", 5, 1),
      f("Update the ticket with the cause and the fix", 2, 3),
    ];
  }
  if (/\b(review|pr|pull request)\b/.test(c.all) && /^(review|check|read|look at|go through)$/.test(c.verb ?? "review")) {
    return [
      f(`Open ${c.obj || target} and read its description`, 2, 1),
      f("Pull the branch and run it locally", 5, 2),
      f("Skim the list of changed files to see the shape of the change", 3, 2),
      f("Read the tests first to see what should happen", 10, 1),
      f("Read the main code change file by file", 15, 1),
      f("Leave a comment on anything unclear or risky", 10, 1),
      f("Try the change by hand in the app", 5, 3),
      f("Write a short summary comment", 3, 2),
      f(`Approve ${target} or request changes`, 1, 1),
    ];
  }
  if (/^(write|add)$/.test(c.verb ?? "") && /\btests?\b/.test(c.objLower)) {
    const unit = /\bfor\s+(.+)$/i.exec(c.tail)?.[1] ?? "the code";
    return [
      f(`Open ${unit} and list the cases it should handle`, 3, 1),
      f(`Create a unit test file for ${unit}`, 2, 2),
      f("Write the first test for the simplest case", 5, 1),
      f("Run it and check it fails for the right reason, then passes", 3, 2),
      f("Add tests for the edge cases: empty, wrong and very large input", 15, 1),
      f("Add a test for the bug you're most worried about", 10, 2),
      f("Run the whole test file", 2, 1),
      f("Check the coverage report for lines you missed", 5, 3),
      f(`Commit the tests for ${unit}`, 2, 1),
    ];
  }
  if (c.verb === "deploy" || /\b(deploy|release|ship)\b/.test(c.lower)) {
    return [
      f(`Open the release checklist for ${target}`, 2, 1),
      f("Check the main branch is green on CI", 3, 1),
      f("Write the release notes from the merged pull requests", 10, 2),
      f("Bump the version number", 3, 2),
      f("Back up the database or take a snapshot", 5, 2),
      f(`Deploy ${target} to staging and click through the main flows`, 10, 1),
      f(`Deploy ${target} to production`, 5, 1),
      f("Watch the logs and error dashboard for 10 minutes", 10, 1),
      f("Post the release notes to the team", 2, 3),
    ];
  }
  return [
    f(`Open the ticket for ${target} and reread what done means`, 3, 1),
    f(`Write a checklist of the pieces ${target} needs`, 5, 1),
    f(`Create a new branch for ${target}`, 2, 2),
    f(`Write the first failing test for ${target}`, 10, 2),
    f("Build the smallest working version", 15, 1),
    f("Run the tests and fix what breaks", 10, 1),
    f("Handle the edge cases on your checklist", 15, 2),
    f(`Try ${target} by hand in the app`, 5, 2),
    f("Remove debug logs and tidy the code", 5, 3),
    f("Commit and open a pull request", 5, 1),
    f("Write a short PR description with a screenshot", 5, 3),
  ];
};

// ───────────────────────────── planning ─────────────────────────────

export const planning: Template = (c) => {
  if (c.verb === "pack" || c.verb === "book") return null; // packing and booking are single actions
  if (!/\b(party|parties|birthday|wedding|trip|holiday|vacation|getaway|event|celebration|anniversary|reunion|shower|christmas|bbq|barbecue|week|weekend|day|month|schedule|conference|festival|visit|travel|itinerary|honeymoon|do|night out|dinner party|meet-?up|offsite|hen|stag|lunch|dinner|drinks|outing|get-?together|picnic|sleepover|playdate|games night|quiz night)\b/.test(c.objLower)) return null;
  const event = definite(c.obj || "the event");
  if (/\b(trip|holiday|vacation|getaway|weekend away|road trip|honeymoon|travel|visit to)\b/.test(c.objLower)) {
    return [
      f(`Open a note for ${event} and write the dates you could travel`, 2, 1),
      f(`Set a budget for ${event}`, 5, 2),
      f("Compare 3 travel options and prices", 15, 1),
      f(`Book the travel for ${event}`, 10, 1),
      f("Compare 3 places to stay", 15, 2),
      f("Book the accommodation", 10, 1),
      f("Check your passport, visa and travel insurance are in date", 5, 2),
      f(`List 3–5 things to do on ${event}`, 10, 2),
      f("Save the tickets and bookings in one folder on your phone", 3, 2),
      f("Write a packing list", 5, 3),
      f("Arrange cover for pets, plants or post while you're away", 5, 3),
    ];
  }
  if (/\b(week|day|month|weekend|schedule|diary|calendar|tomorrow)\b/.test(c.objLower) && !/\b(party|event|wedding|birthday)\b/.test(c.objLower)) {
    const period = c.core || "the week";
    return [
      f("Open your calendar and your to-do list side by side", 2, 1),
      f(`Write down the fixed appointments for ${period}`, 5, 1),
      f(`List every task you want to do in ${period}`, 10, 1),
      f(`Pick the top 3 priorities for ${period}`, 3, 1),
      f("Give each priority a time slot in your calendar", 5, 1),
      f("Add breaks and travel time between the slots", 3, 2),
      f("Move or drop the tasks that don't fit", 5, 2),
      f("Write the first task for tomorrow morning on a sticky note", 1, 2),
      f("Set a reminder to review the plan midweek", 1, 3),
    ];
  }
  const party = /\b(party|birthday|celebration|anniversary|shower|hen do|stag do|reunion|barbecue|bbq|dinner party|christmas|wedding)\b/.test(c.objLower);
  const birthday = /\b(birthday|\d+(st|nd|rd|th))\b/.test(c.objLower);
  const surprise = /surprise/.test(c.all);
  const steps: Fine[] = [
    f(`Open a new note for ${event} plans`, 2, 1),
    f(`Pick 2–3 possible dates for ${event}`, 5, 1),
    f(`Set a rough budget for ${event}`, 5, 2),
    f(`Write the guest list for ${event}`, 10, 1),
    f(party ? "Choose the venue: home, a restaurant or a hall" : "Choose the venue and check it fits the guests", 10, 1),
    f("Book the venue and note the deposit and date", 10, 2),
    f(`Send the invitations to the guests with a reply-by date`, 10, 1),
  ];
  if (surprise) steps.push(f("Remind the guests to keep it a surprise", 3, 2));
  steps.push(f("Plan the food and drinks for the number of guests", 10, 2));
  if (birthday) steps.push(f("Order the birthday cake", 5, 2));
  steps.push(
    party ? f("Buy the decorations and a gift", 15, 3) : f("Book any equipment, speakers or catering", 15, 3),
    f(`Write a timeline for the day of ${event}`, 10, 2),
    f("Ask 2 people to help on the day", 5, 3),
  );
  return steps;
};

// ───────────────────────────── moving ─────────────────────────────

export const moving: Template = (c) => {
  if (c.verb === "move" && !/\b(house|flat|apartment|home|place|out|in|office|abroad|city|country|town|new)\b/.test(c.objLower) && c.parsed.prep !== "to") return null;
  const place = /\b(flat|apartment|house|home|place|room|office)\b/.test(c.objLower) ? definite(c.core) : "the new place";
  const oldPlace = place.replace(/\bnew\b/, "old").replace(/^the (?!old)/, "the old ");
  if (c.verb === "unpack") {
    return [
      f("Find the box with the kettle, mugs and chargers", 3, 1),
      f("Make the bed so you have somewhere to sleep", 10, 1),
      f("Unpack the kitchen boxes: plates, pans, cutlery", 20, 1),
      f("Unpack the bathroom box: towels and toiletries", 10, 2),
      f("Unpack the clothes into the wardrobe and drawers", 20, 2),
      f("Flatten the empty boxes and stack them by the door", 5, 2),
      f("Put up one picture or plant to make it feel like home", 5, 3),
      f("Unpack one more box from the living room", 10, 2),
      f("Recycle or give away the flattened boxes", 10, 3),
    ];
  }
  return [
    f(`Write the moving date for ${place} at the top of a new note`, 2, 1),
    f("Book a removal van or ask 2 friends to help", 10, 1),
    f("Get boxes, tape and a marker pen", 15, 1),
    f("Pack one box of things you won't need before the move", 15, 1),
    f("Label each box with the room and what's inside", 5, 2),
    f("Pack the rest of the boxes one room at a time", 25, 1),
    f("Pack an essentials bag: chargers, toiletries, kettle, documents", 10, 2),
    f("List who needs your new address: bank, GP, work, post", 5, 2),
    f("Update your address with the bank and GP", 10, 2),
    f("Take meter readings and photos on moving day", 5, 3),
    f(`Clean ${oldPlace} and hand back the keys`, 25, 2),
    f(`Unpack the kitchen and bed first at ${place}`, 20, 3),
  ];
};

// ───────────────────────────── job search ─────────────────────────────

export const jobsearch: Template = (c) => {
  if (/\binterview\b/.test(c.all)) {
    const base = /\binterview\b/.test(c.core) ? definite(c.core) : "the interview";
    const interview = /^(with|at|for)\s/i.test(c.tail) ? clip(`${base} ${c.tail}`, 60) : base;
    return [
      f(`Find the invite for ${interview} and note the time, place and interviewer names`, 3, 1),
      f("Read the job description and highlight the 5 key skills", 10, 1),
      f("Look up the company's website, recent news and values", 15, 2),
      f('Write a 1-minute answer to "tell me about yourself"', 10, 1),
      f("Write 3 short stories from your work that show the key skills", 20, 1),
      f(`Practise your answers out loud for ${interview}`, 15, 1),
      f("Prepare 3 questions to ask the interviewer", 5, 2),
      f(`Plan your route or test the video link for ${interview}`, 5, 2),
      f(`Lay out your clothes for ${interview}`, 5, 3),
      f("Print or save your CV and the job description", 3, 3),
      f(`Set two alarms for the day of ${interview}`, 1, 3),
    ];
  }
  if (/\blinkedin\b/.test(c.objLower)) {
    return [
      f("Open your LinkedIn profile in edit mode", 1, 1),
      f("Write down the kind of role you want next in one line", 2, 2),
      f("Update your LinkedIn headline to match that role", 5, 1),
      f("Add a clear, recent profile photo", 5, 3),
      f("Rewrite the About section in 3 short paragraphs", 15, 1),
      f("Add your latest role with 3 results and numbers", 10, 1),
      f("Add the 5 skills that job ads for that role ask for", 5, 2),
      f("Ask one colleague for a recommendation", 3, 3),
      f("Turn on open to work for recruiters if you want to", 2, 2),
      f("View your LinkedIn profile as a visitor and fix what looks off", 5, 2),
    ];
  }
  if (/\b(cv|resume|résumé|portfolio)\b/.test(c.objLower)) {
    const cv = match(c.objLower, /\b(cv|resume|résumé|linkedin profile|portfolio)\b/, "cv").replace(/^cv$/, "CV").replace(/^(resume|résumé)$/, "résumé");
    return [
      f(`Open your current ${cv} and save a copy with today's date`, 2, 1),
      f("Find a job ad you want and highlight its key words", 10, 1),
      f(`Update the contact details and job title on your ${cv}`, 3, 2),
      f("Add your latest role with 3 achievements and numbers", 15, 1),
      f("Cut anything older than 10 years down to one line", 10, 2),
      f("Match the skills section to the job ad's key words", 10, 1),
      f(`Check your ${cv} fits on 2 pages`, 5, 2),
      f(`Read your ${cv} out loud to catch typos`, 5, 2),
      f(`Export your ${cv} as a PDF`, 2, 1),
      f(`Ask a friend to look over your ${cv}`, 3, 3),
    ];
  }
  if (/\bcover letter\b/.test(c.objLower)) {
    const role = /\bfor\s+(.+)$/i.exec(c.tail)?.[1] ?? "this job";
    return [
      f(`Open the job ad for ${role} and copy its 3 main requirements into a new document`, 3, 1),
      f("Write the hiring manager's name and the job title at the top of the cover letter", 3, 2),
      f(`Write one paragraph on why you want ${role}`, 10, 1),
      f("Write one paragraph matching your experience to each requirement", 15, 1),
      f("Add one result with a number that proves it", 5, 2),
      f("Write a short closing paragraph asking for an interview", 5, 2),
      f("Cut the cover letter to one page", 5, 2),
      f("Read the cover letter out loud and fix typos", 5, 1),
      f("Save the cover letter as a PDF with your name in the file name", 2, 2),
    ];
  }
  const single = /^(the|this|that|a|an)\s/i.test(c.core) && /\b(job|role|position|post|vacancy|internship|apprenticeship|course|scheme)\b/.test(c.objLower) && !/\bjobs\b/.test(c.objLower);
  if (single) {
    const job = definite(c.core);
    return [
      f(`Open the ad for ${job} and save a copy`, 2, 1),
      f("Highlight the 5 main requirements in the ad", 5, 1),
      f(`Tailor your CV to ${job}`, 20, 1),
      f(`Write a short cover letter for ${job}`, 20, 1),
      f("Fill in the application form, easy parts first", 20, 1),
      f("Read the whole application once for typos", 5, 2),
      f(`Submit the application for ${job}`, 2, 1),
      f("Save the confirmation and log the application with the date", 2, 2),
      f("Set a reminder to follow up in a week", 1, 3),
    ];
  }
  const role = c.core && !/\b(job|jobs)\b/.test(c.core) ? c.core : "the jobs you want";
  return [
    f("Open a job site and search for 3 job titles you'd like", 5, 1),
    f(`Save 5 job ads that fit ${role}`, 15, 1),
    f("Pick the best 2 jobs to apply for this week", 5, 2),
    f("Tailor your CV to the first job ad's key words", 20, 1),
    f("Write a short cover letter for the first job", 20, 1),
    f("Submit the first job application", 10, 1),
    f("Log the application in a spreadsheet with the date", 3, 2),
    f("Set a reminder to follow up on the application in a week", 1, 3),
    f("Message one person in your network about openings", 5, 3),
  ];
};

// ───────────────────────────── presentations ─────────────────────────────

export const presentation: Template = (c) => {
  const forTail = /^(for|on|about)\s/i.test(c.tail) ? ` ${c.tail}` : "";
  const talk = c.core && /\b(presentation|slides|deck|talk|pitch|speech|demo|keynote|webinar|workshop)\b/.test(c.objLower)
    ? clip(definite(c.core) + forTail, 70)
    : "the presentation";
  if (/^(rehearse|practise|practice)$/.test(c.verb ?? "")) {
    return [
      f(`Open ${talk} and your speaker notes`, 2, 1),
      f("Set a timer for your time slot", 1, 2),
      f(`Run through ${talk} out loud once without stopping`, 15, 1),
      f("Note the 2 slides where you stumbled", 2, 2),
      f("Practise those 2 slides 3 times", 10, 1),
      f("Practise the opening 2 minutes until it feels easy", 5, 1),
      f("Record a full run-through on your phone", 15, 2),
      f("Watch the recording and fix one thing", 10, 3),
      f("Do a final run-through with the slides on the real screen", 15, 2),
    ];
  }
  return [
    f(`Open a blank slide deck and type the title of ${talk}`, 2, 1),
    f("Write the one message the audience should remember", 3, 1),
    f(`List 3–5 main points for ${talk}`, 5, 1),
    f("Make one slide per point with a short headline", 15, 1),
    f("Add one chart, image or example to each slide", 15, 2),
    f("Write speaker notes in bullet points", 10, 2),
    f("Add an opening slide and a closing slide with next steps", 5, 2),
    f(`Run through ${talk} out loud with a timer`, 10, 1),
    f("Cut the slides that make you run over time", 5, 2),
    f("Practise the opening 2 minutes until it feels easy", 5, 2),
    f("Test the slides on the screen or video call you'll use", 5, 3),
    f("Save a PDF backup of the slides", 2, 3),
  ];
};

// ───────────────────────────── DIY & repairs ─────────────────────────────

export const diy: Template = (c) => {
  const target = c.core || "the broken thing";
  const verb = c.verb && !/^(do|get|sort|sort out|deal with|handle|look at)$/.test(c.verb) ? c.verb : "fix";
  if (/^(assemble|build|put together)$/.test(verb) || /flat-?pack|ikea/.test(c.all)) {
    return [
      f(`Open the box for ${target} and lay out every part`, 5, 1),
      f("Check the parts against the list in the instructions", 5, 2),
      f("Put the screws and small parts in a bowl", 1, 3),
      f("Get out the screwdriver, allen key and a hammer", 2, 2),
      f("Follow steps 1–3 of the instructions", 15, 1),
      f("Follow the next 3 steps of the instructions", 15, 1),
      f("Finish the last steps of the instructions", 15, 1),
      f(`Check ${target} is level and the screws are tight`, 3, 2),
      f(`Move ${target} into place`, 5, 2),
      f("Flatten the box and recycle the packaging", 5, 3),
    ];
  }
  if (/^(hang|put up|mount)$/.test(verb) && !/\b(pictures?|photos?|frames?|art|prints?|posters?|shel(f|ves)|mirror|curtains?|curtain rail|blinds?|tv|clock|hooks?|coat rack)\b/.test(c.objLower)) return null;
  if (/^(hang|put up|mount)$/.test(verb)) {
    const where = /^(in|on)\s/i.test(c.tail) ? ` ${clip(c.tail, 50)}` : "";
    return [
      f(`Hold ${target} against the wall and pick the spot${where}`, 3, 1),
      f("Mark the height with a pencil and check it with a level", 3, 1),
      f("Check the wall for pipes and cables with a detector", 2, 2),
      f("Get out the drill, the right plugs and screws or hooks", 3, 2),
      f("Drill the holes and push in the wall plugs", 5, 1),
      f("Screw in the hooks or brackets", 5, 1),
      f(`Hang ${target} and check it's level`, 3, 1),
      f("Vacuum up the dust from drilling", 3, 2),
      f("Put the drill and tools away", 2, 3),
    ];
  }
  if (/^(paint|decorate|redecorate|renovate|refurbish|do up)$/.test(verb)) {
    return [
      f(`Pick the paint colour for ${target} and check how much you need`, 5, 1),
      f("Buy the paint, a roller, a brush and masking tape", 20, 2),
      f(`Move the furniture away from ${target} and cover the floor`, 10, 1),
      f("Fill holes and sand rough patches", 10, 2),
      f("Tape the edges and skirting boards", 10, 2),
      f("Paint the edges with the brush", 15, 1),
      f("Roll the first coat of paint", 20, 1),
      f("Wash the brush and roller while the paint dries", 5, 3),
      f("Roll the second coat of paint", 20, 2),
      f("Peel off the tape and put the furniture back", 10, 2),
    ];
  }
  const water = /\b(tap|leak|leaking|leaky|drip|dripping|toilet|pipe|drain|shower|boiler|radiator)\b/.test(c.all);
  const power = /\b(light|bulb|lightbulb|socket|switch|fuse|plug|lamp|smoke alarm)\b/.test(c.all);
  const steps: Fine[] = [
    f(`Look at ${target} and take a photo of the problem`, 2, 1),
    f(`Search how to ${verb} ${c.noun || "it"} and watch one short video`, 10, 1),
    f(`List the tools and parts you need for ${target}`, 5, 2),
    f("Buy or borrow any missing parts", 15, 3),
    f(`Gather the tools next to ${target}`, 3, 2),
  ];
  if (water) steps.push(f("Turn off the water supply and put a towel down", 2, 1));
  else if (power) steps.push(f("Switch off the power at the switch or fuse box", 2, 1));
  else steps.push(f("Put down an old towel or sheet to work on", 2, 3));
  steps.push(
    f(`Do the first step from the guide on ${target}`, 10, 1),
    f(`Finish the rest of the steps on ${target}`, 15, 1),
    f(`Test ${target} to check it works`, 3, 1),
    f("Put the tools away and wipe up", 5, 2),
  );
  return steps;
};

// ───────────────────────────── garden ─────────────────────────────

export const garden: Template = (c) => {
  const area = c.core || "the garden";
  if (c.verb === "repot" || /\brepot/.test(c.lower)) {
    return [
      f("Get a pot one size bigger and a bag of compost", 3, 1),
      f("Put newspaper down where you'll work", 1, 2),
      f(`Water ${area} an hour before you start`, 1, 3),
      f("Tip the first plant out of its pot gently", 2, 1),
      f("Loosen the roots with your fingers", 2, 2),
      f("Put fresh compost in the bottom of the new pot", 2, 1),
      f("Set the plant in and fill around it with compost", 3, 1),
      f(`Repot the rest of ${area} the same way`, 15, 1),
      f("Water them in and sweep up the spilled soil", 3, 2),
    ];
  }
  if (/\b(water)\b/.test(c.lower) || /houseplants?|plants/.test(c.objLower)) {
    return [
      f("Fill the watering can", 2, 1),
      f(`Check the soil of each of ${area} with your finger`, 3, 2),
      f("Water the plants with dry soil until it drains", 5, 1),
      f("Pick off dead leaves and flowers", 5, 2),
      f("Turn the pots so they grow evenly", 2, 3),
      f("Move any struggling plant nearer the light", 3, 3),
      f("Wipe up spills and empty the drip trays", 3, 2),
      f("Put a weekly watering reminder in your phone", 1, 2),
    ];
  }
  const lawn = /\b(lawn|grass|mow)\b/.test(c.all);
  const verb = c.verb && !/^(do|sort out|tidy|tidy up|clear|get|weed)$/.test(c.verb) && !lawn ? c.verb : null;
  if (verb) {
    return [
      f("Put on your gardening gloves and old shoes", 2, 1),
      f(`Get the tools out for ${area}`, 3, 2),
      f(`Pick the first patch of ${area} to start with`, 1, 2),
      f(`${capitalise(verb)} ${area} in the first patch`, 10, 1),
      f(`${capitalise(verb)} ${area} in the next patch`, 10, 1),
      f(`Finish the rest of ${area}`, 15, 2),
      f("Put the cuttings and leaves in the green bin or bags", 3, 1),
      f("Sweep the path or patio", 5, 3),
      f("Clean the tools and put them away", 3, 2),
    ];
  }
  return [
    f("Put on your gardening gloves and old shoes", 2, 1),
    f(`Get the tools out for ${area}`, 3, 2),
    lawn ? f("Pick up sticks and toys from the lawn", 5, 2) : f(`Walk round ${area} and pick one patch to start`, 2, 2),
    lawn ? f("Mow the lawn in straight lines", 20, 1) : f("Pull the weeds from the first patch", 10, 1),
    lawn ? f("Empty the grass box into the green bin", 3, 2) : f("Pull the weeds from the next patch", 10, 2),
    f("Cut back anything overgrown", 10, 2),
    lawn ? f("Trim the lawn edges", 10, 3) : f("Water the plants you cleared around", 5, 3),
    f("Sweep the path or patio", 5, 2),
    f("Put the cuttings in the green bin", 3, 1),
    f("Clean the tools and put them away", 3, 2),
  ];
};

export const KIND_TEMPLATES: Record<string, Template> = {
  cleaning,
  laundry,
  decluttering,
  writing,
  communication,
  admin,
  appointment,
  shopping,
  cooking,
  studying,
  exercise,
  coding,
  planning,
  moving,
  jobsearch,
  presentation,
  diy,
  garden,
};

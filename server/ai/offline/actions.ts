// Verb-level step templates for the offline breakdown: finer steps for one action ("Wash the dishes") and the generic fallback.
import { type Ctx, definite, f } from "./context";
import {
  admin,
  appointment,
  billSteps,
  communication,
  cooking,
  diy,
  formSteps,
  planning,
  presentation,
  shopping,
  shortMessage,
  studying,
  type Template,
} from "./templates";
import { capitalise, clip, WEAK_VERBS } from "./text";

// ───────────────────────────── cleaning one thing ─────────────────────────────

const clean: Template = (c) => {
  const o = c.objLower;
  if (/\b(bins?|rubbish|trash|recycling|garbage|compost)\b/.test(o)) {
    const what = c.core || "the bins";
    return [
      f("Check which bin day it is and what gets collected", 1, 1),
      f("Tie up the kitchen bin bag", 1, 1),
      f("Empty the bathroom and bedroom bins into it", 3, 2),
      f("Rinse the recycling and squash the boxes", 3, 2),
      f(`Carry ${what} out to the outside bins`, 3, 1),
      f("Put the outside bins at the kerb if it's collection day", 2, 2),
      f("Put a new bag in each bin indoors", 2, 2),
      f("Set a weekly reminder for bin day", 1, 3),
    ];
  }
  if (/\b(dish(es)?|washing[- ]up|plates|pans|pots|mugs|cups)\b/.test(o) || c.verb === "wash up") {
    return [
      f("Clear a space on the counter next to the sink", 2, 1),
      f("Scrape the leftover food from the dishes into the bin", 3, 1),
      f("Fill the sink with hot soapy water", 2, 1),
      f("Stack the dishes: glasses, cutlery, plates, then pans", 2, 3),
      f("Put the pans in to soak while you do the rest", 1, 3),
      f("Wash the glasses and cutlery first", 5, 1),
      f("Wash the plates and bowls", 5, 1),
      f("Scrub the pans", 8, 1),
      f("Rinse the dishes and put them on the drying rack", 3, 2),
      f("Drain the sink and wipe it out", 2, 2),
      f("Dry the dishes and put them away", 8, 2),
    ];
  }
  if (/^(take out|put out)$/.test(c.verb ?? "")) return null;
  if (/\bdishwasher\b/.test(o)) {
    return [
      f("Open the dishwasher and pull out the bottom rack", 1, 1),
      f("Unload the clean dishes onto the counter", 5, 1),
      f("Put the clean plates and bowls away", 3, 2),
      f("Put the clean glasses and cutlery away", 3, 2),
      f("Scrape the dirty dishes into the bin", 3, 2),
      f("Load the plates on the bottom rack and cups on the top", 5, 1),
      f("Add a dishwasher tablet", 1, 2),
      f("Start the dishwasher on the eco setting", 1, 1),
    ];
  }
  if (/\b(floors?|carpets?|rugs?|stairs)\b/.test(o) || /^(vacuum|hoover|mop|sweep)$/.test(c.verb ?? "")) {
    const what = !c.core ? "the floor" : /\b(floors?|carpets?|rugs?|stairs)\b/.test(o) ? c.core : `${c.core} floor`;
    const wet = c.verb === "mop" || /mop/.test(o);
    return [
      f(`Pick up the things lying on ${what}`, 5, 1),
      f(`Move the chairs, bins and bags off ${what}`, 3, 2),
      f(wet ? "Fill a bucket with warm water and floor cleaner" : "Get the vacuum out and plug it in", 2, 1),
      f(`Start at the far corner of ${what}`, 1, 3),
      f(wet ? `Sweep ${what} first to get the crumbs up` : "Vacuum along the edges and corners with the nozzle", 5, 2),
      f(wet ? `Mop ${what} in strips towards the door` : `Vacuum the middle of ${what} in strips towards the door`, 10, 1),
      f(wet ? "Leave the floor to dry for 10 minutes" : "Empty the vacuum bin", 2, 2),
      f(`Put the chairs and bins back on ${what}`, 3, 2),
      f(wet ? "Rinse the mop and tip the water down the toilet" : "Put the vacuum away", 2, 2),
    ];
  }
  const target = c.core || "it";
  const verb = c.verb && !WEAK_VERBS.has(c.verb) && c.verb !== "clean up" ? c.verb : "clean";
  const fridge = /\b(fridge|freezer)\b/.test(o);
  const oven = /\b(oven|hob|grill|microwave|air fryer)\b/.test(o);
  const car = /\bcar\b/.test(o);
  if (fridge) {
    const app = /\bfreezer\b/.test(o) ? "freezer" : "fridge";
    if (c.verb === "defrost") {
      return [
        f(`Put a cool bag and old towels next to the ${app}`, 2, 1),
        f(`Move the food from the ${app} into the cool bag`, 5, 1),
        f(`Turn the ${app} off at the plug`, 1, 1),
        f(`Lay towels on the floor in front of the ${app}`, 2, 2),
        f(`Put a bowl of hot water inside the ${app} and close the door`, 2, 2),
        f("Lift out the loose chunks of ice as they melt", 10, 1),
        f(`Wipe the inside of the ${app} and dry it`, 5, 1),
        f(`Turn the ${app} back on`, 1, 1),
        f("Put the food back once it's cold again", 5, 2),
        f("Wring out the towels and put them in the wash", 2, 3),
      ];
    }
    return [
      f(`Put a bin bag and a cool bag next to the ${app}`, 2, 1),
      f("Throw out anything out of date or mouldy", 5, 1),
      f("Take everything else out and put it in the cool bag", 5, 1),
      f(`Take out the ${app} shelves and drawers`, 3, 2),
      f("Wash the shelves and drawers in the sink", 8, 2),
      f(`Wipe the inside of the ${app} with warm soapy water`, 8, 1),
      f("Dry the inside and put the shelves back", 3, 2),
      f("Put the food back, oldest at the front", 5, 1),
      f(`Wipe the ${app} door and handle`, 2, 3),
    ];
  }
  if (car) {
    return [
      f("Grab a bin bag and the car keys", 1, 1),
      f("Clear the rubbish out of the car", 5, 1),
      f("Take the mats out and shake them", 3, 2),
      f("Vacuum the seats, floor and boot of the car", 15, 1),
      f("Wipe the dashboard and door handles", 5, 2),
      f("Clean the inside of the car windows", 5, 2),
      f("Put the mats back in the car", 2, 2),
      f("Wash the outside of the car with a bucket and sponge", 20, 3),
      f("Put the things that live in the car back in the glovebox", 2, 3),
    ];
  }
  return [
    f(`Grab a cloth, cleaning spray and a bin bag for ${target}`, 2, 1),
    f(`Move everything off or away from ${target}`, 3, 2),
    f(`Throw away any rubbish on or around ${target}`, 2, 2),
    f(`Dust or brush the loose dirt off ${target}`, 3, 3),
    oven ? f(`Spray ${target} with degreaser and leave it for 10 minutes`, 2, 1) : f(`Spray ${target} with cleaner and leave it for a minute`, 2, 2),
    f(`${capitalise(verb)} ${target} from top to bottom`, 8, 1),
    f(`Scrub the stubborn spots on ${target}`, 5, 2),
    f(`Rinse ${target} with a clean damp cloth`, 3, 2),
    f(`Dry ${target} with a clean towel`, 2, 3),
    f(`Put back the things you moved off ${target}`, 3, 1),
    f("Put the cloth in the wash and the spray away", 1, 3),
  ];
};

// ───────────────────────────── writing one piece ─────────────────────────────

const write: Template = (c) => {
  if (/\b(line|subject|sign-?off|sentence|paragraph|section|intro|introduction|conclusion|summary|headings?|bullet points?|draft|opening|ending|answer)\b/.test(c.core.toLowerCase())) {
    return section(c);
  }
  if (/\b(list|questions|ideas|agenda|checklist|points|options)\b/.test(c.objLower)) {
    const list = definite(c.core || "the list");
    return [
      f(`Open a new note and title it ${list}`, 1, 1),
      f(`Write down the first 5 things that come to mind for ${list}`, 3, 1),
      f(`Look through your messages, calendar and photos for anything ${list} is missing`, 5, 2),
      f(`Add everything else you can think of to ${list}`, 5, 1),
      f("Group the items into 3–4 headings", 5, 2),
      f("Cross out duplicates and anything that doesn't belong", 3, 2),
      f("Star the 3 most important items", 2, 3),
      f(`Share or save ${list} where you'll find it again`, 1, 1),
    ];
  }
  if (/\b(e-?mail|note|card|letter|message|text|reply|thank[- ]you|invitation|postcard)\b/.test(c.objLower)) return shortMessage(c);
  return section(c);
};

/** Writing one part of something: bullets first, then sentences. */
const section: Template = (c) => {
  const piece = c.core || "it";
  return [
    f(`Open the document where ${piece} goes`, 2, 1),
    f(`Write 3 bullet points for ${piece}`, 5, 1),
    f("Turn the first bullet point into 2–3 sentences", 5, 1),
    f("Turn the second bullet point into sentences", 5, 2),
    f("Turn the last bullet point into sentences", 5, 2),
    f(`Add one example or number to ${piece}`, 5, 2),
    f(`Read ${piece} out loud once`, 3, 2),
    f("Rewrite the sentence that sounds worst", 3, 3),
    f("Save the document and note where to pick up next", 1, 1),
  ];
};

// ───────────────────────────── reading / checking ─────────────────────────────

const review: Template = (c) => {
  const thing = c.core || "it";
  return [
    f(`Open ${thing} and put your phone face down`, 1, 1),
    f(`Skim ${thing} from start to end for 2 minutes`, 2, 2),
    f("Write down what you're checking for in one line", 2, 2),
    f(`Read the first part of ${thing} carefully`, 8, 1),
    f("Mark anything wrong, unclear or missing", 5, 1),
    f(`Read the rest of ${thing}`, 10, 1),
    f("Fix the small things you marked straight away", 8, 2),
    f("Write down the bigger changes as a short list", 3, 2),
    f(`Send your notes on ${thing} or save the changes`, 2, 1),
  ];
};

// ───────────────────────────── sorting / organising ─────────────────────────────

const sort: Template = (c) => {
  const things = definite(c.core || "the things");
  const intoPiles = /\b(piles?|categories|by month|by date|folders?)\b/.test(c.objLower);
  return [
    f(`Clear a space on the table to sort ${things}`, 2, 1),
    f(intoPiles ? "Write a sticky note for each pile" : "Write 3 sticky notes: keep, act on, bin", 2, 2),
    f(`Take a first handful of ${things}`, 1, 1),
    f("Put each one on a pile without overthinking it", 5, 1),
    f(`Take the next handful of ${things} and sort it the same way`, 5, 1),
    f(`Sort the rest of ${things}`, 10, 1),
    f("Put a clip or band round each pile", 2, 2),
    f("Throw away or recycle the bin pile", 2, 2),
    f("Write the count or total for each pile on its note", 3, 3),
    f(`Put the sorted ${c.noun || "piles"} where you'll use them next`, 2, 1),
  ];
};

// ───────────────────────────── research / choosing ─────────────────────────────

const research: Template = (c) => {
  const topic = c.obj || "the question";
  return [
    f(`Write the question you're answering about ${topic} in one line`, 2, 1),
    f("Set a 20-minute timer so the research has an end", 1, 2),
    f(`Search for ${topic} and open the 3 best results in tabs`, 5, 1),
    f("Note 3 options with their price, pros and cons", 10, 1),
    f("Ask one person who has done this for their pick", 5, 3),
    f("Cross off the options that don't fit your must-haves", 3, 2),
    f("Pick one option and write down why", 3, 1),
    f("Close the other tabs", 1, 3),
    f(`Write the next action for ${topic} on your list`, 2, 1),
  ];
};

const backUp: Template = (c) => {
  const what = c.core || "your files";
  return [
    f("Plug in the external drive or open your cloud backup app", 2, 1),
    f(`Check how much space the backup of ${what} needs`, 2, 2),
    f("Plug in the charger and close your other apps", 1, 2),
    f(`Start the backup of ${what}`, 2, 1),
    f(`Leave ${what} plugged in while the backup runs`, 10, 1),
    f("Check the backup finished without errors", 2, 1),
    f("Open one backed-up file to check it works", 2, 2),
    f(`Set a monthly reminder to back up ${what}`, 1, 2),
  ];
};

const lookup: Template = (c) => {
  const what = c.core || "it";
  return [
    f(`Open a new note for what you find about ${what}`, 1, 1),
    f(`Search for ${c.obj || what}`, 2, 1),
    f("Open the 2 most useful results", 1, 2),
    f(`Copy the key facts about ${what} into the note`, 5, 1),
    f("Write down anything you still need to find out", 2, 2),
    f("Stop after 10 minutes and close the tabs", 1, 3),
    f("Save the note where you'll need it", 1, 2),
    f(`Put the next step for ${what} on your list`, 1, 2),
  ];
};

// ───────────────────────────── errands: return, post, collect ─────────────────────────────

const errand: Template = (c) => {
  const thing = c.core || "the parcel";
  const verb = c.verb && !WEAK_VERBS.has(c.verb) ? c.verb : "drop off";
  if (/\b(tip|dump|recycling centre|charity shop|household waste)\b/.test(c.objLower)) {
    const place = /\bto\s+(.+)$/i.exec(c.tail)?.[1] ?? "the tip";
    return [
      f(`Check the opening hours of ${place} and whether you need to book`, 2, 1),
      f(`Measure ${thing} and check it fits in the car`, 3, 2),
      f(`Ask someone to help you lift ${thing}`, 2, 2),
      f("Fold the back seats down and put a sheet over them", 3, 3),
      f(`Load ${thing} into the car`, 5, 1),
      f(`Drive to ${place}`, 15, 1),
      f(`Unload ${thing} into the right section`, 5, 1),
      f("Shake out the sheet and put the seats back up", 2, 3),
    ];
  }
  if (/^(pick up|collect|fetch)$/.test(verb)) {
    return [
      f(`Check ${thing} is ready to collect`, 2, 1),
      f(`Check the opening hours and address for collecting ${thing}`, 2, 1),
      f("Find the reference number, code or ID you'll need", 2, 2),
      f("Put your keys, bag, card and ID together by the door", 2, 2),
      f("Set an alarm for when to leave", 1, 3),
      f(`Go and ${verb} ${c.obj || thing}`, 15, 1),
      f(`Check ${thing} is right before you leave`, 2, 2),
      f(`Put ${thing} away when you get home`, 2, 1),
    ];
  }
  return [
    f(`Put ${thing} by the front door`, 1, 1),
    f(`Find the receipt, code or reference for ${thing}`, 3, 1),
    f("Check the opening hours and address of where it's going", 2, 2),
    f(`Pack ${thing} in a bag or box and seal it`, 5, 2),
    f("Put your keys, phone and card with it", 1, 3),
    f("Set an alarm for when to leave", 1, 3),
    f(`Go and ${verb} ${c.obj || thing}`, 15, 1),
    f("Ask for a receipt and take a photo of it", 1, 2),
    f("Check the refund or confirmation arrives", 2, 2),
  ];
};

// ───────────────────────────── preparing for something ─────────────────────────────

const prepare: Template = (c) => {
  const thing = c.obj || "it";
  const core = c.core || "it";
  return [
    f(`Write down when and where ${core} happens`, 2, 1),
    f(`List the 3 things you need to have ready for ${thing}`, 3, 1),
    f(`Gather the documents and items for ${core} in one bag or folder`, 10, 1),
    f(`Write down the 3 things you want from ${core}`, 5, 2),
    f(`Practise the part of ${core} you're most nervous about`, 10, 2),
    f(`Plan how you'll get to ${core} and when to leave`, 3, 2),
    f("Lay out what you'll wear the night before", 5, 3),
    f(`Put ${core} in your calendar with two reminders`, 2, 1),
    f("Check everything is ready the evening before", 5, 2),
  ];
};

// ───────────────────────────── rehearsing ─────────────────────────────

const rehearse: Template = (c) => {
  const thing = c.core || "it";
  return [
    f(`Put your notes for ${c.obj || thing} in front of you`, 1, 1),
    f("Set a 10-minute practice timer", 1, 3),
    f(`Say ${thing} out loud once, start to finish`, 5, 1),
    f("Note the 2 places where you stumbled", 2, 2),
    f("Practise those 2 places 3 times each", 5, 1),
    f(`Record yourself doing ${thing} on your phone`, 3, 2),
    f("Play the recording back and pick one thing to improve", 5, 2),
    f(`Say ${thing} one last time without looking at your notes`, 5, 1),
  ];
};

// ───────────────────────────── packing ─────────────────────────────

const pack: Template = (c) => {
  const trip = c.obj || "the trip";
  return [
    f("Get the suitcase or bag out and open it on the bed", 2, 1),
    f(`Write a packing list for ${trip}`, 5, 1),
    f("Check the weather where you're going", 2, 3),
    f("Pack the clothes for each day", 10, 1),
    f("Pack your toiletries and medicines", 5, 1),
    f("Put chargers, tickets and ID in the front pocket", 3, 1),
    f("Tick each item off the packing list", 3, 2),
    f("Zip the bag and put it by the front door", 1, 2),
  ];
};

// ───────────────────────────── going somewhere ─────────────────────────────

const visit: Template = (c) => {
  const place = c.obj || "there";
  return [
    f(`Check the opening hours and address of ${place}`, 2, 1),
    f(`Write down what you need to do at ${c.core || "the place"}`, 2, 1),
    f("Put what you need in your bag: keys, card, phone, documents", 3, 2),
    f("Set an alarm for when to leave", 1, 2),
    f("Put your shoes and coat on", 2, 3),
    f(`Go to ${place}`, 15, 1),
    f("Do the main thing you went for", 15, 1),
    f("Write down anything you need to follow up", 2, 2),
  ];
};

// ───────────────────────────── gathering things ─────────────────────────────

const gather: Template = (c) => {
  const things = c.obj || "what you need";
  return [
    f(`Write a checklist of ${things}`, 2, 1),
    f(`Check your email and downloads for ${c.core || "them"}`, 5, 1),
    f(`Check the drawers, folders and piles at home for ${c.core || "them"}`, 10, 1),
    f("Put each thing you find in one folder or box", 2, 2),
    f("Tick each thing off the checklist as it goes in", 2, 2),
    f("Circle anything that's still missing", 1, 3),
    f("Request or download the missing things online", 5, 2),
    f("Put the folder where you'll use it next", 1, 1),
  ];
};

// ───────────────────────────── calendar, sums, sending ─────────────────────────────

const calendar: Template = (c) => {
  const what = c.core || "it";
  return [
    f("Open the calendar app on your phone", 1, 1),
    f(`Find the date for ${what}${c.when ? ` (${c.when})` : ""}`, 1, 1),
    f(`Type a short, clear title for ${what}`, 1, 2),
    f("Add the time, the place or the link", 1, 2),
    f("Set a reminder for the day before", 1, 1),
    f("Set a second reminder an hour before", 1, 3),
    f("Save it and check it shows up in the right week", 1, 2),
    f(`Put a note of where the details for ${what} are in the event`, 1, 3),
  ];
};

const addUp: Template = (c) => {
  const what = c.core || "the numbers";
  return [
    f("Open a spreadsheet or get a calculator and a pen", 1, 1),
    f(`List each amount for ${what} on its own line`, 5, 1),
    f("Add up the first half of the list", 3, 1),
    f("Add up the second half of the list", 3, 1),
    f("Add the two totals together", 1, 2),
    f("Check the total once more from the bottom up", 3, 2),
    f(`Write the total for ${what} where you'll need it`, 1, 1),
    f("Save the spreadsheet or clip the paper to the pile", 1, 3),
  ];
};

const send: Template = (c) => {
  const what = c.core || "it";
  const to = /\bto\s+(.+)$/i.exec(c.tail)?.[1];
  return [
    f(`Open ${what} and the app you'll send it from`, 1, 1),
    f(to ? `Check the address or number for ${to}` : "Check who needs it and their address", 1, 1),
    f("Write one line saying what it is and what you need back", 3, 2),
    f(`Attach ${what} and check it's the right version`, 1, 1),
    f("Read the message once for typos", 1, 2),
    f(`Send ${what}${to ? ` to ${to}` : ""}`, 1, 1),
    f("Check it appears in your sent folder", 1, 3),
    f("Set a reminder to check for a reply", 1, 2),
  ];
};

const submit: Template = (c) => {
  const what = c.core || "it";
  return [
    f(`Open ${what} at the last page`, 1, 1),
    f(`Check every required box in ${what} is filled`, 2, 1),
    f("Check the names, dates and numbers once more", 2, 2),
    f(`Submit ${what}`, 1, 1),
    f("Screenshot or save the confirmation", 1, 1),
    f("Write down the reference number", 1, 2),
    f("File the confirmation in your admin folder", 1, 3),
    f("Put any next deadline in your calendar", 1, 2),
  ];
};

const memorise: Template = (c) => {
  const what = c.core || "them";
  return [
    f(`Write ${what} on flashcards or a sticky note`, 3, 1),
    f(`Read ${what} out loud once`, 2, 2),
    f("Cover the cards and say the first 3 from memory", 2, 1),
    f("Check and repeat the ones you missed", 2, 2),
    f("Do the next 3 cards the same way", 3, 1),
    f(`Say all of ${what} from memory`, 2, 1),
    f("Put the cards where you'll see them tomorrow", 1, 3),
    f("Set a reminder to test yourself tomorrow", 1, 2),
  ];
};

// ───────────────────────────── generic fallback ─────────────────────────────

/** Builds steps from the task's own verb and object when no template fits. */
/** "shave" → "shaving", "run" → "running", "meditate" → "meditating". */
function gerund(verb: string): string {
  const [head = verb, ...rest] = verb.split(" ");
  let g: string;
  if (/ie$/.test(head)) g = `${head.slice(0, -2)}ying`;
  else if (/[^aeiou]e$/.test(head) && head !== "be") g = `${head.slice(0, -1)}ing`;
  else if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(head)) g = `${head}${head.slice(-1)}ing`;
  else g = `${head}ing`;
  return [g, ...rest].join(" ");
}

export const generic: Template = (c) => {
  const verb = c.verb && !WEAK_VERBS.has(c.verb) ? c.verb : null;
  // A title that is only a verb ("Shave", "Meditate") is about the activity itself.
  const thing = c.obj || c.core || (verb ? gerund(verb) : "this task");
  const short = c.core || thing;
  const doIt = verb ? (c.core ? `${verb} ${short}` : verb) : `work on ${short}`;
  return [
    f(`Write down in one sentence what done looks like for ${thing}`, 3, 1),
    f(`List the 3–5 parts of ${short} on paper`, 5, 1),
    f("Circle the easiest part on the list", 1, 3),
    f(`Gather what you need for ${short} in one place`, 5, 2),
    f(`Clear a space to ${doIt}`, 3, 3),
    f(`Set a 15-minute timer and do the easiest part of ${short}`, 15, 1),
    f(`Do the next part of ${short} on your list`, 15, 1),
    f(`Check ${short} against your done sentence`, 3, 2),
    f(`Do the last part of ${short} on your list`, 10, 1),
    f(`Put away what you used for ${short}`, 3, 3),
    f(`Tick off ${short} and note anything left for next time`, 2, 2),
  ];
};

/** For a step that is already small: get set up, do the step itself, check it, reset. */
export const microGeneric: Template = (c) => {
  const verb = c.verb && !WEAK_VERBS.has(c.verb) ? c.verb : null;
  const short = c.core || c.obj || "this step";
  const action = capitalise(clip(c.title, 190));
  return [
    f(verb ? `Get out everything you need to ${verb} ${short}` : `Get out everything you need for ${short}`, 2, 1),
    f(`Decide the very first move for ${short}`, 1, 2),
    f(`Set a 5-minute timer for ${short}`, 1, 3),
    f(action, 5, 1),
    f(`Double-check ${short}`, 2, 2),
    f(`Fix anything about ${short} that isn't right yet`, 2, 3),
    f(`Put away anything you used for ${short}`, 1, 3),
    f(`Tick off ${short} and move to the next step`, 1, 2),
  ];
};

/** Choosing between options: list, cut, pick, tell. */
const decide: Template = (c) => {
  const what = c.core || "it";
  return [
    f(`Write down the options for ${what}`, 2, 1),
    f(`Note what matters most for ${what} in one line`, 1, 2),
    f("Cross off the options that don't fit", 2, 1),
    f("Ask one person for a quick second opinion", 3, 3),
    f(capitalise(clip(c.title, 190)), 2, 1),
    f(`Write down your choice for ${what}`, 1, 1),
    f("Tell anyone who needs to know about the choice", 2, 2),
    f(`Put the next step for ${what} on your list`, 1, 2),
  ];
};

/** Verb → action template, used for steps and when no kind template fits. */
const ACTION_BY_VERB: ReadonlyArray<readonly [RegExp, string, Template]> = [
  [/^(add up|total|sum up|calculate|count)$/, "admin", addUp],
  [/^(back up)$/, "coding", backUp],
  [/^(memorise|memorize)$/, "studying", memorise],
  [/^(send|forward|send off)$/, "communication", send],
  [/^(clean|clean up|clean out|wash|wash up|wipe|scrub|mop|vacuum|hoover|sweep|dust|polish|disinfect|rinse|descale|defrost|tidy|tidy up|empty|empty out|unload|load|take out|put out)$/, "cleaning", clean],
  [/^(write|draft|compose|write up|write down|jot|rewrite|outline)$/, "writing", write],
  [/^(read|reread|review|check|proofread|edit|go through|look over|skim|read through|look at|test|verify)$/, "review", review],
  [/^(gather|get together|find all)$/, "gathering", gather],
  [/^(sort|sort out|organise|organize|group|file|label|tidy)$/, "organising", sort],
  [/^(fill in|fill out|complete|sign)$/, "admin", formSteps],
  [/^(submit|hand in|turn in)$/, "admin", submit],
  [/^(register|apply|apply for|renew|claim)$/, "admin", admin],
  [/^(choose|pick|decide|select)$/, "deciding", decide],
  [/^(research|compare)$/, "research", research],
  [/^(find|look up|search|look for|look into|find out|figure out|check out)$/, "research", lookup],
  [/^(return|drop off|post|send off|send back|take back|pick up|collect|fetch|deliver|ship|take)$/, "errand", errand],
  [/^(prepare|prep|get ready)$/, "preparation", prepare],
  [/^(practise|practice|rehearse|run through|go over)$/, "rehearsal", rehearse],
  [/^(pack)$/, "packing", pack],
  [/^(go|visit|attend|head)$/, "visit", visit],
  [/^(call|phone|ring|email|text|message|reply|respond|contact|ask|tell|remind|chase|follow up|invite|thank|call back|ring back|get back|reach out)$/, "communication", communication],
  [/^(buy|order|shop|shop for)$/, "shopping", shopping],
  [/^(book|schedule|reschedule|reserve)$/, "appointment", appointment],
  [/^(cook|bake|make)$/, "cooking", cooking],
  [/^(fix|repair|mend|replace|install|assemble|build|put up|hang|paint)$/, "diy", diy],
  [/^(study|learn|revise|practise|practice|memorise|memorize)$/, "studying", studying],
  [/^(rehearse|present)$/, "presentation", presentation],
  [/^(plan|arrange|organise|host)$/, "planning", planning],
  [/^(pay|pay off)$/, "admin", billSteps],
];

export function actionFor(c: Ctx): { family: string; template: Template } | null {
  const verb = c.verb;
  if (!verb) return null;
  // "Put the deadline in your calendar", "Set a reminder", "Add the interview to your calendar"
  if (/^(put|add|set|block|schedule)$/.test(verb) && /\b(calendar|diary|reminders?|alarms?)\b/.test(c.objLower)) return { family: "planning", template: calendar };
  for (const [re, family, template] of ACTION_BY_VERB) {
    if (re.test(verb)) {
      // "make" is only cooking when it names food; "take" only an errand when it names a thing to drop off.
      // "Check your calendar" is not proofreading: only documents get the review template.
      if (family === "review" && /^(check|test|verify|look at)$/.test(verb) && !/\b(draft|report|essay|document|doc|email|letter|form|contract|statement|totals?|numbers|names|spelling|answers?|work|code|pull request|pr|slides|cv|application|return|invoice|bill|notes|list|page|pages)\b/.test(c.objLower)) return null;
      // Finding your own papers is gathering; finding the best laptop is research.
      if (family === "research" && /^(find|look for)$/.test(verb) && /\b(number|login|password|details|letter|invite|invitation|receipts?|card|passport|documents?|certificate|form|keys|charger|statement|payslips?|policy)\b/.test(c.objLower)) {
        return { family: "gathering", template: gather };
      }
      if ((verb === "load" || verb === "unload") && !/\bdishwasher\b/.test(c.objLower)) return null;
      if (verb === "make" && !/\b(dinner|lunch|breakfast|food|meal|soup|cake|sandwich|salad|bread|tea|coffee|pasta|curry)\b/.test(c.objLower)) return null;
      if (verb === "take" && !/\b(parcel|package|return|to the (tip|post office|charity shop|dump))\b|\bback to\b/.test(c.objLower)) return null;
      if (verb === "test" && /\b(code|app|feature|build)\b/.test(c.objLower)) return null;
      // "Prepare 3 questions" is writing something; "prepare for the interview" is getting ready for an event.
      if (family === "preparation" && c.parsed.prep !== "for") {
        return /\b(questions|notes|answers|list|agenda|points|summary|talking points|speech|checklist)\b/.test(c.objLower) ? { family: "writing", template: write } : null;
      }
      if (family === "studying" && /^(learn|study|revise)$/.test(verb) && /\b(phrases|words|vocab|vocabulary|numbers|greetings|lines|names|facts|formulas|dates|verbs|spellings|times tables)\b/.test(c.objLower)) {
        return { family: "studying", template: memorise };
      }
      // Practising an instrument or a language is studying; practising answers or a talk is rehearsing.
      if (family === "rehearsal" && /\b(piano|guitar|violin|drums|ukulele|singing|spanish|french|german|italian|japanese|chinese|language|scales|vocab|vocabulary|grammar|flashcards)\b/.test(c.objLower)) {
        return { family: "studying", template: studying };
      }
      return { family, template };
    }
  }
  return null;
}

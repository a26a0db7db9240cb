// Synthetic but realistic memories for the memory.search benchmark: deterministic, clustered 384-d vectors.
//
// Real embeddings of one person's task history are not uniform noise: they bunch around a few
// topics (the weekly report, groceries, the gym), many topics are shared between people (everyone
// answers email), recurring tasks give near-duplicates, and the whole space leans one way (unrelated
// texts still have cosine similarity ≈ 0.1–0.3). Uniform random vectors would flatter HNSW (every
// neighbour is equally far) and hide the filtered-scan failure. So, with σ-noise `n(σ)` of norm ≈ σ:
//   area     = unit(0.6·g + n(1))                 8 life areas around one global direction g
//   shared   = unit(area + n(0.9))                a pool of topics everyone may have
//   topic    = unit(shared + n(0.35))             a user's take on a shared topic, or
//              unit(area + n(0.9))                a personal topic nobody else has
//   memory   = unit(topic + n(σ)), σ ∈ [0.55, 0.9]   (cosine to its topic ≈ 0.75–0.88), or
//              unit(earlier memory + n(0.25))     a recurring task (1 in 4)
//   query    = unit(topic + n(σ)), σ ∈ [0.5, 0.9]
// Every user's data comes from PRNG streams seeded by (seed, user, purpose), so the queries can be
// rebuilt without the memories, and a re-run produces the same database.

export const DIMS = 384;

/** sfc32: a small, fast, well-distributed 32-bit PRNG. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(...seeds: number[]) {
    // Mix the seeds with splitmix32 so neighbouring seeds give unrelated streams.
    let h = 0x9e3779b9;
    const next = () => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (const s of seeds) h = (h ^ Math.imul(s | 0, 0x27d4eb2d)) | 0;
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box–Muller, both values used). */
  gauss(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** Scales `v` in place to unit length. */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) * (v[i] as number);
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

/** unit(weight·base + noise of norm ≈ sigma), written into `out`. */
function around(base: Float32Array, sigma: number, rng: Rng, out = new Float32Array(DIMS), weight = 1): Float32Array {
  const scale = sigma / Math.sqrt(DIMS);
  for (let i = 0; i < DIMS; i++) out[i] = weight * (base[i] as number) + scale * rng.gauss();
  return normalise(out);
}

export interface DataParams {
  seed: number;
  /** Users with `rowsPerUser` memories each. */
  users: number;
  rowsPerUser: number;
  /** Heavy users with `heavyRows` memories each. */
  heavyUsers: number;
  heavyRows: number;
}

export interface BenchUser {
  index: number;
  id: string;
  heavy: boolean;
  rows: number;
}

export function benchUsers(p: DataParams): BenchUser[] {
  const list: BenchUser[] = [];
  for (let i = 0; i < p.users; i++) {
    list.push({ index: i, id: `membench-u${String(i).padStart(6, "0")}`, heavy: false, rows: p.rowsPerUser });
  }
  for (let i = 0; i < p.heavyUsers; i++) {
    list.push({ index: p.users + i, id: `membench-h${String(i).padStart(4, "0")}`, heavy: true, rows: p.heavyRows });
  }
  return list;
}

const AREAS = 8;
const SHARED_TOPICS = 96;
const AREA_NAMES = ["work", "home", "health", "money", "family", "learning", "admin", "errands"];
const KINDS = ["task.created", "task.completed", "task.broken_down", "task.deleted", "preference"];
const KIND_WEIGHTS = [0.4, 0.3, 0.15, 0.1, 0.05];

/** The areas and the shared topic pool: the same for every user of a seed. */
export class TopicSpace {
  readonly shared: Float32Array[] = [];
  readonly sharedArea: number[] = [];
  readonly areas: Float32Array[] = [];

  constructor(readonly seed: number) {
    const rng = new Rng(seed, 0xa11);
    const g = normalise(Float32Array.from({ length: DIMS }, () => rng.gauss()));
    for (let a = 0; a < AREAS; a++) this.areas.push(around(g, 1, rng, undefined, 0.6));
    for (let t = 0; t < SHARED_TOPICS; t++) {
      const area = t % AREAS;
      this.sharedArea.push(area);
      this.shared.push(around(this.areas[area] as Float32Array, 0.9, rng));
    }
  }
}

export interface UserTopics {
  centroids: Float32Array[];
  labels: string[];
  /** Cumulative Zipf weights: popular topics first. */
  cumulative: number[];
}

function pickWeighted(cumulative: number[], rng: Rng): number {
  const x = rng.float() * (cumulative[cumulative.length - 1] as number);
  let i = 0;
  while (i < cumulative.length - 1 && (cumulative[i] as number) <= x) i++;
  return i;
}

/** A user's topics: about half shared (popular shared topics are more likely), half personal. */
export function userTopics(space: TopicSpace, user: BenchUser): UserTopics {
  const rng = new Rng(space.seed, user.index, 1);
  const count = user.heavy ? 20 + rng.int(9) : 4 + rng.int(7);
  const centroids: Float32Array[] = [];
  const labels: string[] = [];
  const used = new Set<number>();
  for (let t = 0; t < count; t++) {
    if (rng.float() < 0.5) {
      // Popularity ∝ 1/(rank+1) over the shared pool.
      let s = 0;
      do s = Math.min(SHARED_TOPICS - 1, Math.floor(Math.exp(rng.float() * Math.log(SHARED_TOPICS + 1)) - 1));
      while (used.has(s) && used.size < SHARED_TOPICS);
      used.add(s);
      centroids.push(around(space.shared[s] as Float32Array, 0.35, rng));
      labels.push(`${AREA_NAMES[space.sharedArea[s] as number]} topic ${s}`);
    } else {
      const area = rng.int(AREAS);
      centroids.push(around(space.areas[area] as Float32Array, 0.9, rng));
      labels.push(`${AREA_NAMES[area]} (personal ${t})`);
    }
  }
  let acc = 0;
  const cumulative = centroids.map((_, i) => (acc += 1 / (i + 1)));
  return { centroids, labels, cumulative };
}

export interface GeneratedMemory {
  kind: string;
  content: string;
  vector: Float32Array;
  createdAt: Date;
}

/** Calls `emit` for each of the user's memories, in order; `emit` must copy the vector if it keeps it. */
export function generateMemories(space: TopicSpace, user: BenchUser, emit: (m: GeneratedMemory) => void): void {
  const topics = userTopics(space, user);
  const rng = new Rng(space.seed, user.index, 2);
  const history = new Float32Array(user.rows * DIMS);
  const start = Date.UTC(2025, 10, 23);
  const spanMs = 365 * 86_400_000;
  const kindCumulative: number[] = [];
  KIND_WEIGHTS.reduce((a, w) => (kindCumulative.push(a + w), a + w), 0);
  for (let i = 0; i < user.rows; i++) {
    const out = history.subarray(i * DIMS, (i + 1) * DIMS);
    let label: string;
    if (i > 0 && rng.float() < 0.25) {
      const j = rng.int(i);
      around(history.subarray(j * DIMS, (j + 1) * DIMS), 0.25, rng, out);
      label = "again";
    } else {
      const t = pickWeighted(topics.cumulative, rng);
      around(topics.centroids[t] as Float32Array, 0.55 + 0.35 * rng.float(), rng, out);
      label = topics.labels[t] as string;
    }
    const kind = KINDS[pickWeighted(kindCumulative, rng)] as string;
    emit({
      kind,
      content: `${kind} · ${label} · memory ${i + 1} of ${user.id}`,
      vector: out,
      createdAt: new Date(start + Math.floor((i / user.rows) * spanMs)),
    });
  }
}

/** `count` query vectors from the user's own topics (what "memories like this task" looks like). */
export function userQueries(space: TopicSpace, user: BenchUser, count: number): Float32Array[] {
  const topics = userTopics(space, user);
  const rng = new Rng(space.seed, user.index, 3);
  const queries: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const t = pickWeighted(topics.cumulative, rng);
    queries.push(around(topics.centroids[t] as Float32Array, 0.5 + 0.4 * rng.float(), rng));
  }
  return queries;
}

const VERBS = ["plan", "finish", "draft", "book", "call", "clean", "renew", "sort", "pay", "review", "write", "fix"];
const OBJECTS = [
  "the quarterly report",
  "dentist appointment",
  "tax receipts",
  "grocery list",
  "gym session",
  "email inbox",
  "birthday present",
  "passport",
  "bathroom sink",
  "project proposal",
  "budget spreadsheet",
  "thank-you notes",
];

/** Free-text queries for the app's own `search()`, which embeds them itself. */
export function textQueries(user: BenchUser, count: number, seed: number): string[] {
  const rng = new Rng(seed, user.index, 4);
  return Array.from({ length: count }, () => `${VERBS[rng.int(VERBS.length)]} ${OBJECTS[rng.int(OBJECTS.length)]}`);
}

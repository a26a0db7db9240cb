// The memory benchmark's raw database access: one interface over postgres.js and PGlite for plain
// queries, SET LOCAL transactions and binary COPY in both directions (how 1M vectors get in and out fast).
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

export type Settings = Record<string, string>;

export interface Raw {
  driver: "postgres" | "pglite";
  /**
   * prepare (default true): a named prepared statement, like the app's postgres.js queries (Postgres may
   * move it to a generic plan after 5 runs); false: planned afresh for each call's parameter values.
   */
  query<T extends object>(text: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<T[]>;
  /** `text` inside a transaction after `SET LOCAL name = value` for each setting (one round trip for all of them). */
  inTransaction<T extends object>(settings: Settings, text: string, params?: unknown[], opts?: { prepare?: boolean }): Promise<T[]>;
  /** `COPY <target> FROM … (FORMAT binary)`, fed with binary tuples (see encodeTuple); header and trailer are added here. */
  copyIn(target: string, tuples: AsyncIterable<Buffer>): Promise<void>;
  /** The binary COPY output of `select …`, in chunks (parse with CopyParser). */
  copyOut(select: string): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

function setLocals(settings: Settings): string {
  return Object.entries(settings)
    .map(([name, value]) => {
      if (!/^[a-z_][a-z0-9_.]*$/i.test(name) || !/^[a-z0-9_.]+$/i.test(value)) throw new Error(`bad setting ${name}=${value}`);
      return `set local ${name} = '${value}'`;
    })
    .join("; ");
}

export function postgresRaw(url: string, max: number): Raw & { client: postgres.Sql } {
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, prepare: true });
  type Params = postgres.ParameterOrJSON<never>[];
  return {
    driver: "postgres",
    client,
    async query<T extends object>(text: string, params: unknown[] = [], opts: { prepare?: boolean } = {}) {
      return (await client.unsafe(text, params as Params, { prepare: opts.prepare ?? true })) as unknown as T[];
    },
    async inTransaction<T extends object>(settings: Settings, text: string, params: unknown[] = [], opts: { prepare?: boolean } = {}) {
      const rows = await client.begin(async (tx) => {
        if (Object.keys(settings).length) await tx.unsafe(setLocals(settings));
        return tx.unsafe(text, params as Params, { prepare: opts.prepare ?? true });
      });
      return rows as unknown as T[];
    },
    async copyIn(target, tuples) {
      const sink: Writable = await client.unsafe(`copy ${target} from stdin with (format binary)`).writable();
      async function* framed() {
        yield COPY_HEADER;
        for await (const t of tuples) yield t;
        yield COPY_TRAILER;
      }
      await pipeline(Readable.from(framed()), sink);
    },
    async *copyOut(select) {
      // A connection of its own, ended afterwards: postgres.js 3.4 pauses the socket when the stream's
      // buffer is full and resumes it only on the next read, so when that happens at the last chunk the
      // connection never sees ReadyForQuery and would hang every later query sent to it.
      const own = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        const source = await own.unsafe(`copy (${select}) to stdout with (format binary)`).readable();
        for await (const chunk of source) yield chunk as Uint8Array;
      } finally {
        await own.end({ timeout: 0 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** PGlite has no COPY stream: it reads from and writes to a Blob at the magic path /dev/blob. It prepares nothing. */
export function pgliteRaw(pg: PGlite): Raw {
  const BLOB_BYTES = 8 * 1024 * 1024;
  return {
    driver: "pglite",
    async query<T extends object>(text: string, params: unknown[] = []) {
      return (await pg.query<T>(text, params)).rows;
    },
    async inTransaction<T extends object>(settings: Settings, text: string, params: unknown[] = []) {
      return pg.transaction(async (tx) => {
        if (Object.keys(settings).length) await tx.exec(setLocals(settings));
        return (await tx.query<T>(text, params)).rows;
      });
    },
    async copyIn(target, tuples) {
      let parts: Buffer[] = [COPY_HEADER];
      let size = 0;
      const flush = async () => {
        if (parts.length === 1) return;
        parts.push(COPY_TRAILER);
        const body = Buffer.concat(parts);
        const blob = new Blob([new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength)]);
        await pg.query(`copy ${target} from '/dev/blob' with (format binary)`, [], { blob });
        parts = [COPY_HEADER];
        size = 0;
      };
      for await (const t of tuples) {
        parts.push(t);
        size += t.length;
        if (size >= BLOB_BYTES) await flush();
      }
      await flush();
    },
    async *copyOut(select) {
      const result = await pg.query(`copy (${select}) to '/dev/blob' with (format binary)`);
      if (!result.blob) throw new Error("PGlite returned no blob for COPY TO /dev/blob");
      yield new Uint8Array(await result.blob.arrayBuffer());
    },
    close: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// Binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4).

export const COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Microseconds between the Unix epoch and Postgres's (2000-01-01 UTC). */
const PG_EPOCH_US = 946_684_800_000_000n;

/** A field of a binary COPY tuple; `null` is SQL NULL. */
export type CopyField =
  | { text: string }
  | { vector: Float32Array }
  | { timestamptz: Date }
  | null;

function fieldBytes(f: CopyField): number {
  if (f === null) return 0;
  if ("text" in f) return Buffer.byteLength(f.text, "utf8");
  if ("vector" in f) return 4 + 4 * f.vector.length;
  return 8;
}

/**
 * One tuple in binary COPY form. Text, enums and jsonb-less text columns take UTF-8; pgvector's
 * `vector_recv` takes int16 dimensions, int16 zero, then big-endian float4s; timestamptz is int64
 * microseconds since 2000-01-01.
 */
export function encodeTuple(fields: CopyField[]): Buffer {
  let size = 2;
  for (const f of fields) size += 4 + fieldBytes(f);
  const buf = Buffer.allocUnsafe(size);
  let o = buf.writeInt16BE(fields.length, 0);
  for (const f of fields) {
    if (f === null) {
      o = buf.writeInt32BE(-1, o);
      continue;
    }
    o = buf.writeInt32BE(fieldBytes(f), o);
    if ("text" in f) o += buf.write(f.text, o, "utf8");
    else if ("vector" in f) {
      o = buf.writeInt16BE(f.vector.length, o);
      o = buf.writeInt16BE(0, o);
      for (let i = 0; i < f.vector.length; i++) o = buf.writeFloatBE(f.vector[i] as number, o);
    } else o = buf.writeBigInt64BE(BigInt(f.timestamptz.getTime()) * 1000n - PG_EPOCH_US, o);
  }
  return buf;
}

/** Splits a binary COPY stream into tuples of raw fields (null for SQL NULL), across chunk boundaries. */
export class CopyParser {
  private pending: Buffer = Buffer.alloc(0);
  private headerDone = false;
  done = false;

  *push(chunk: Uint8Array): Generator<(Buffer | null)[]> {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let o = 0;
    if (!this.headerDone) {
      if (buf.length < 19) {
        this.pending = Buffer.from(buf);
        return;
      }
      if (!buf.subarray(0, 11).equals(COPY_HEADER.subarray(0, 11))) throw new Error("not a binary COPY stream");
      o = 19 + buf.readInt32BE(15);
      this.headerDone = true;
    }
    for (;;) {
      if (buf.length - o < 2) break;
      const count = buf.readInt16BE(o);
      if (count === -1) {
        this.done = true;
        o += 2;
        break;
      }
      let p = o + 2;
      const fields: (Buffer | null)[] = [];
      let complete = true;
      for (let i = 0; i < count; i++) {
        if (buf.length - p < 4) {
          complete = false;
          break;
        }
        const len = buf.readInt32BE(p);
        p += 4;
        if (len === -1) {
          fields.push(null);
          continue;
        }
        if (buf.length - p < len) {
          complete = false;
          break;
        }
        fields.push(buf.subarray(p, p + len));
        p += len;
      }
      if (!complete) break;
      yield fields;
      o = p;
    }
    // Copy the remainder: the chunk it points into may be reused by the stream.
    buf = buf.subarray(o);
    this.pending = Buffer.from(buf);
  }
}

/** A binary `vector` field as floats. */
export function decodeVector(field: Buffer): Float32Array {
  const dims = field.readInt16BE(0);
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) v[i] = field.readFloatBE(4 + 4 * i);
  return v;
}

/** A binary `uuid` field in its usual text form. */
export function decodeUuid(field: Buffer): string {
  const h = field.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// Draws the app icons (PNG 180/192/512 and a maskable 512) with nothing but node:zlib, so the
// install icons are reproducible offline: `node scripts/make-icons.mjs`. The shapes match app/icon.svg.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

const BG = [0x3d, 0x6b, 0x57]; // --accent (light)
const FG = [0xff, 0xff, 0xff];
const SAMPLES = 4; // 4×4 supersampling for smooth edges

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

/** Distance from p to the segment a–b (all in unit coordinates). */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The mark in unit coordinates (0..1): a ring with a check mark, scaled by `scale` around the centre
 * (maskable icons keep it inside the 80% safe zone). Returns "bg" | "fg" | null (transparent).
 */
function shade(x, y, { rounded, scale }) {
  if (rounded) {
    // Rounded square background, radius 0.22.
    const r = 0.22;
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
    if (Math.hypot(qx, qy) > r) return null;
  }
  const ux = (x - 0.5) / scale + 0.5;
  const uy = (y - 0.5) / scale + 0.5;
  const d = Math.hypot(ux - 0.5, uy - 0.5);
  if (d > 0.29 && d < 0.345) return "fg"; // the ring
  const check = Math.min(segDist(ux, uy, 0.37, 0.51, 0.46, 0.6), segDist(ux, uy, 0.46, 0.6, 0.64, 0.41));
  if (check < 0.035) return "fg";
  return "bg";
}

function draw(size, opts) {
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let fg = 0;
      let bg = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const s = shade((x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size, opts);
          if (s === "fg") fg++;
          else if (s === "bg") bg++;
        }
      }
      const n = SAMPLES * SAMPLES;
      const alpha = (fg + bg) / n;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = alpha === 0 ? 0 : Math.round((FG[c] * fg + BG[c] * bg) / (fg + bg));
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, out);
}

const dir = path.join(import.meta.dirname, "..", "public", "icons");
const icons = [
  ["icon-192.png", 192, { rounded: true, scale: 1 }],
  ["icon-512.png", 512, { rounded: true, scale: 1 }],
  // Maskable: full-bleed background, the mark inside the central 80% safe zone.
  ["icon-maskable-512.png", 512, { rounded: false, scale: 0.8 }],
  // iOS rounds the corners itself and shows transparency as black: full-bleed.
  ["apple-touch-icon.png", 180, { rounded: false, scale: 0.9 }],
];
for (const [name, size, opts] of icons) {
  writeFileSync(path.join(dir, name), draw(size, opts));
  console.log(`wrote public/icons/${name} (${size}×${size})`);
}

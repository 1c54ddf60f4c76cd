/**
 * Draws the app icons (a "Q" ring on the brand colour) as PNGs without any image
 * library, so the repo needs no binary tools to regenerate them.
 * Run: npx tsx scripts/make-icons.ts
 */
import { deflateSync } from 'node:zlib';
import fs from 'node:fs';

const BG = [37, 99, 235];
const FG = [255, 255, 255];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function icon(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const c = size / 2;
  const scale = maskable ? 0.62 : 0.8; // maskable icons keep content in the safe zone
  const rOut = (size / 2) * scale * 0.78;
  const rIn = rOut * 0.62;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c;
      const dy = y + 0.5 - c;
      const d = Math.hypot(dx, dy);
      const ring = d <= rOut && d >= rIn;
      // The tail of the Q: a thick diagonal stroke towards the lower right.
      const t = (dx + dy) / Math.SQRT2;
      const n = Math.abs(dx - dy) / Math.SQRT2;
      const tail = t > rIn * 0.9 && t < rOut * 1.35 && n < (rOut - rIn) * 0.45;
      const corner = maskable ? true : Math.max(Math.abs(dx), Math.abs(dy)) < size * 0.47;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const col = ring || tail ? FG : BG;
      raw[o] = col[0]!;
      raw[o + 1] = col[1]!;
      raw[o + 2] = col[2]!;
      raw[o + 3] = corner ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync('public/icons', { recursive: true });
fs.writeFileSync('public/icons/icon-192.png', icon(192, false));
fs.writeFileSync('public/icons/icon-512.png', icon(512, false));
fs.writeFileSync('public/icons/maskable-512.png', icon(512, true));
fs.writeFileSync('public/icons/apple-touch-icon.png', icon(180, true));
console.log('icons written to public/icons');

// Draws Roundtable's icon once and writes every file browsers and installers ask for; the outputs are committed.
// Run again after changing the drawing: `tsx scripts/generate-icons.ts` (renders with the Chromium Playwright uses).
import { writeFile, mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const INDIGO = '#4f46e5';
const SEAT = '#c7d2fe';
const SEATS = 6;

/** A round table seen from above, six seats around it and a speech mark on it. */
function drawing(): string {
  const seats = Array.from({ length: SEATS }, (_, index) => {
    const angle = ((index * 360) / SEATS - 90) * (Math.PI / 180);
    return `<circle cx="${(256 + 176 * Math.cos(angle)).toFixed(1)}" cy="${(256 + 176 * Math.sin(angle)).toFixed(1)}" r="34" fill="${SEAT}"/>`;
  });
  return [
    ...seats,
    '<circle cx="256" cy="256" r="108" fill="#fff"/>',
    `<path d="M210 212h92a20 20 0 0 1 20 20v40a20 20 0 0 1-20 20h-52l-30 26v-26h-10a20 20 0 0 1-20-20v-40a20 20 0 0 1 20-20z" fill="${INDIGO}"/>`,
  ].join('');
}

/** `rounded`: the favicon's own shape. Otherwise full-bleed with the drawing inside the maskable safe zone. */
function icon({ rounded }: { rounded: boolean }): string {
  const background = rounded ? `<rect width="512" height="512" rx="112" fill="${INDIGO}"/>` : `<rect width="512" height="512" fill="${INDIGO}"/>`;
  const content = rounded ? drawing() : `<g transform="translate(256 256) scale(0.8) translate(-256 -256)">${drawing()}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}${content}</svg>\n`;
}

/** An .ico holding PNG images (every current browser reads those). */
function icoOf(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size % 256, 0);
    entry.writeUInt8(size % 256, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();

async function render(svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

const rounded = icon({ rounded: true });
const fullBleed = icon({ rounded: false });
await mkdir('public/icons', { recursive: true });
await writeFile('app/icon.svg', rounded);
await writeFile('app/apple-icon.png', await render(fullBleed, 180));
await writeFile('app/favicon.ico', icoOf([{ size: 16, png: await render(rounded, 16) }, { size: 32, png: await render(rounded, 32) }, { size: 48, png: await render(rounded, 48) }]));
for (const size of [192, 512]) {
  await writeFile(`public/icons/icon-${size}.png`, await render(rounded, size));
  await writeFile(`public/icons/icon-maskable-${size}.png`, await render(fullBleed, size));
}
await browser.close();
console.log('icons written to app/ and public/icons/');

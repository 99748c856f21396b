/**
 * A map tile for the e2e tests (answered inside the browser) and the site benchmark (served by a
 * real local server, since Lighthouse drives its own Chrome).
 */
import { deflateSync } from 'node:zlib';

/**
 * One 256×256 light grey PNG, made here so nothing needs an image file. Built from plain
 * `Uint8Array`s: this project's `@types/node` predates TypeScript 5.9's typed arrays.
 */
export const testTile: Buffer = (() => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const concat = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  const uint32 = (value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value);
    return bytes;
  };
  const chunk = (type: string, data: Uint8Array) => {
    const typed = concat([new TextEncoder().encode(type), data]);
    return concat([uint32(data.length), typed, uint32(crc32(typed))]);
  };
  const size = 256;
  const header = concat([uint32(size), uint32(size), new Uint8Array([8, 0, 0, 0, 0])]); // 8-bit greyscale
  const row = new Uint8Array(size + 1).fill(0xe8);
  row[0] = 0; // no filter
  const pixels = concat(Array.from({ length: size }, () => row));
  const png = concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(pixels))),
    chunk('IEND', new Uint8Array(0)),
  ]);
  return Buffer.from(png);
})();

/**
 * QR codes as SVG path data, from qrcode-generator (Kazuhiko Arase's, MIT, no dependencies; kept
 * since 2009). One function for both sides: the area posters are drawn at build time, so their
 * codes work without a script, and an outlet's poster draws its code in the browser once it has
 * read the listing's id.
 */
import qrcode from 'qrcode-generator';

/** A QR code as one SVG path over a square of `size` modules, quiet zone included. */
export interface QrCodeShape {
  readonly size: number;
  readonly path: string;
}

/**
 * The four-module quiet zone the QR standard asks for, so a scanner finds the code however close
 * to other print it sits.
 */
const quietZone = 4;

/**
 * The QR code of `text`, error correction M (15 % of the code can be lost to a crease, a stain or
 * a pin through a printed poster) and the smallest version that holds the text.
 */
export function qrCodeShape(text: string): QrCodeShape {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col)) parts.push(`M${col + quietZone} ${row + quietZone}h1v1h-1z`);
    }
  }
  return { size: count + 2 * quietZone, path: parts.join('') };
}

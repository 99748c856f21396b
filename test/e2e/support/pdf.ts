/**
 * What a PDF printed by Chromium (`page.pdf()`) holds, read with Mozilla's PDF.js: each page's size
 * in points and its text, so a test can check that a poster prints on one A4 sheet with its words.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A4 in PDF points (1/72 inch): 210 × 297 mm. */
export const a4Points = { width: 595.28, height: 841.89 } as const;

export interface PrintedPage {
  width: number;
  height: number;
  /** The page's text runs joined with spaces, whitespace collapsed. */
  text: string;
}

export async function readPdf(pdf: Buffer): Promise<PrintedPage[]> {
  // `verbosity: 0`: PDF.js would otherwise warn about the canvas it does not need for text.
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  const pages: PrintedPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [, , width = 0, height = 0] = page.view;
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    pages.push({ width, height, text });
  }
  await document.destroy();
  return pages;
}

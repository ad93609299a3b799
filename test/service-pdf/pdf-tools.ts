// Reading PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm): what a recipient's
// viewer or an accountant's import tool would see, not what our HTML meant.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Requirement } from '../harness/requirements';

const run = promisify(execFile);

export const popplerRequirement: Requirement = {
  what: 'poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm)',
  check: () => {
    const missing = ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].filter((tool) => spawnSync(tool, ['-v']).error);
    return missing.length === 0 || `${missing.join(', ')} missing; apt-get install -y poppler-utils`;
  },
};

async function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cuadra-pdf-test-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The text as pdftotext extracts it, pages separated by form feeds. `layout` keeps each printed
 * row on one line, so a table row (base, rate, tax) reads as one run of text.
 */
export function pdfText(pdf: Buffer, options: { layout?: boolean } = {}): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), file, '-'];
    return (await run('pdftotext', args, { maxBuffer: 32 << 20 })).stdout;
  });
}

/** Text with every run of whitespace (no-break spaces and line ends included) as one space. */
export function flatten(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** `pdfinfo` as a map ("Title", "Pages", "Page size"…). */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', file]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!.trim(), m[2]!.trim()]),
    );
  });
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  unicode: boolean;
}

export function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        // name type… encoding emb sub uni object-id generation
        const cells = line.trim().split(/\s+/);
        const [emb, , uni] = cells.slice(-5, -2);
        return { name: cells[0]!, type: cells.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
      });
  });
}

/** Page `page` rasterised as a greyscale bitmap (one byte per pixel, 0 black … 255 white). */
export function pdfPageGrey(pdf: Buffer, page: number, dpi: number): Promise<{ width: number; height: number; pixels: Buffer }> {
  return withPdfFile(pdf, async (file, dir) => {
    const prefix = path.join(dir, 'page');
    await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    const pgm = await readFile(`${prefix}.pgm`);
    // Binary PGM: "P5\n<width> <height>\n<max>\n" then the pixels.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a binary PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height) };
  });
}

/** Writes page `page` as a PNG next to `outputPrefix` (to look at a layout by eye). */
export async function pdfPagePng(pdf: Buffer, page: number, dpi: number, outputPrefix: string): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, outputPrefix]);
    return `${outputPrefix}.png`;
  });
}

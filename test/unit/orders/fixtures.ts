// The real WooCommerce responses and e-mails (a copy of shared/fixtures/woocommerce kept in the repo), read once.
import fs from 'node:fs';
import path from 'node:path';
import { WOOCOMMERCE_FIXTURES_DIR } from '../../harness/woocommerce-store';

export const WOO_FIXTURES = WOOCOMMERCE_FIXTURES_DIR;
export const API_DIR = path.join(WOO_FIXTURES, 'api');
export const MAIL_DIR = path.join(WOO_FIXTURES, 'mail');

export function readApiFixture(name: string): string {
  return fs.readFileSync(path.join(API_DIR, name), 'utf8');
}

function isOrder(value: unknown): value is { id: number; number: string; line_items: unknown[] } {
  return typeof value === 'object' && value !== null && 'line_items' in value && 'number' in value && 'status' in value;
}

/** Every order JSON in api/ (single orders and order lists), by file and position, newest copy of an id last. */
export function apiOrders(): { label: string; json: Record<string, unknown> }[] {
  const found: { label: string; json: Record<string, unknown> }[] = [];
  for (const file of fs.readdirSync(API_DIR).sort()) {
    if (!file.endsWith('.json') || file.endsWith('.meta.json')) continue;
    const body = JSON.parse(readApiFixture(file)) as unknown;
    if (isOrder(body)) found.push({ label: `${file} (order ${body.number})`, json: body as unknown as Record<string, unknown> });
    else if (Array.isArray(body)) {
      body.forEach((item, i) => {
        if (isOrder(item)) found.push({ label: `${file}[${i}] (order ${item.number})`, json: item as unknown as Record<string, unknown> });
      });
    }
  }
  return found;
}

/** Every .eml under mail/, relative path and raw source. */
export function mailFixtures(): { file: string; source: Buffer }[] {
  const out: { file: string; source: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.eml')) out.push({ file: path.relative(MAIL_DIR, full), source: fs.readFileSync(full) });
    }
  };
  walk(MAIL_DIR);
  return out;
}

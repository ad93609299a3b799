// What the admin end-to-end suites share: the sign of a PHP error in a page, optional screenshots of
// a step, and a call straight to the service signed as the plugin signs it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { signRequest, type SignedUser } from '../../../service/src/http/auth/request-signature';

/** PHP's own error output, or WordPress's "critical error" page, anywhere in a page's HTML. */
export const PHP_ERROR_IN_PAGE = /(Fatal error|Parse error|Warning|Notice|Deprecated)<\/b>:|There has been a critical error/;

/** A full-page screenshot named after the step, when CUADRA_E2E_SCREENSHOTS names a folder. */
export async function saveSnapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CUADRA_E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) as `${string}.png`, fullPage: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, read by the tests
type Answer = Record<string, any>;

/** Straight to the service, signed as the plugin would sign it: the answer's status and JSON body. */
export async function callService(
  service: { url: string; secret: string },
  method: string,
  pathWithQuery: string,
  body: unknown,
  user: SignedUser,
): Promise<{ status: number; body: Answer }> {
  const raw = body === undefined ? '' : JSON.stringify(body);
  const headers = signRequest({ secret: service.secret, method, pathWithQuery, body: raw, user });
  const response = await fetch(`${service.url}${pathWithQuery}`, {
    method,
    headers: { ...headers, ...(raw ? { 'Content-Type': 'application/json' } : {}) },
    body: raw || undefined,
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

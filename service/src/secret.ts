import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared secret: CUADRA_SECRET when set; otherwise (first run on a laptop) one generated into
 * the data folder with owner-only permissions, so `npm start` works with no setup and the secret
 * never has to be printed.
 */
export function resolveSharedSecret(configured: string | undefined, dataDir: string): { secret: string; source: string } {
  if (configured) return { secret: configured, source: 'CUADRA_SECRET' };
  const file = path.join(dataDir, 'secret');
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return { secret: stored, source: file };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const generated = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'w' });
  return { secret: generated, source: file };
}

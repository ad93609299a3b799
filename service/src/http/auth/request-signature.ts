import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What WordPress tells the service about the person behind a request. */
export interface SignedUser {
  id: number;
  login: string;
  caps: string[];
  locale?: string;
}

export const SIGNATURE_HEADERS = {
  timestamp: 'x-cuadra-timestamp',
  nonce: 'x-cuadra-nonce',
  user: 'x-cuadra-user',
  signature: 'x-cuadra-signature',
} as const;

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeUser(user: SignedUser): string {
  return Buffer.from(JSON.stringify(user), 'utf8').toString('base64url');
}

export interface CanonicalParts {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
  userHeader: string;
}

// Must stay byte-for-byte identical to Cuadra\Service\RequestSigner::canonical() in the plugin.
export function canonicalString(parts: CanonicalParts): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    sha256Hex(parts.body),
    sha256Hex(parts.userHeader),
  ].join('\n');
}

export function computeSignature(secret: string, parts: CanonicalParts): string {
  return createHmac('sha256', secret).update(canonicalString(parts)).digest('hex');
}

export function signaturesEqual(expectedHex: string, givenHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return given.length === expected.length && timingSafeEqual(expected, given);
}

export interface SignRequestInput {
  secret: string;
  method: string;
  pathWithQuery: string;
  body?: Buffer | string;
  user: SignedUser;
  /** Unix seconds; defaults to the current time. */
  timestamp?: number;
  nonce?: string;
}

/** Headers for one signed request, as the plugin sends them (used by tests and benchmarks). */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  const userHeader = encodeUser(input.user);
  const signature = computeSignature(input.secret, {
    method: input.method,
    pathWithQuery: input.pathWithQuery,
    timestamp,
    nonce,
    body: input.body ?? '',
    userHeader,
  });
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.user]: userHeader,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

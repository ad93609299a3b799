import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { ReplayGuard } from '../../db/replay-guard';
import { BadRequestError, UnauthorizedError } from '../../errors';
import { computeSignature, SIGNATURE_HEADERS, signaturesEqual, type SignedUser } from './request-signature';

export const SIGNATURE_WINDOW_SECONDS = 300;

const signedUserSchema = z.object({
  id: z.number().int().nonnegative(),
  login: z.string().max(60),
  caps: z.array(z.string().max(64)).max(50),
  locale: z.string().max(20).optional(),
});

export interface SignatureDeps {
  secret: string;
  replayGuard: ReplayGuard;
  now: () => Date;
}

function decodeUser(header: string): SignedUser {
  try {
    const json: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return signedUserSchema.parse(json);
  } catch {
    throw new BadRequestError('The X-Cuadra-User header is not a valid user description.', 'INVALID_USER_HEADER');
  }
}

/** Accepts only requests signed by WordPress with the shared secret, recently, and once. */
export function verifySignature({ secret, replayGuard, now }: SignatureDeps): RequestHandler {
  return async (req, _res, next) => {
    const timestamp = req.get(SIGNATURE_HEADERS.timestamp);
    const nonce = req.get(SIGNATURE_HEADERS.nonce);
    const userHeader = req.get(SIGNATURE_HEADERS.user);
    const signature = req.get(SIGNATURE_HEADERS.signature);
    if (!timestamp || !nonce || !userHeader || !signature) {
      throw new UnauthorizedError('This request is not signed by the Cuadra plugin.', 'SIGNATURE_MISSING');
    }
    if (!/^\d{1,12}$/.test(timestamp) || !/^[A-Za-z0-9]{16,64}$/.test(nonce) || !/^[a-f0-9]{64}$/i.test(signature)) {
      throw new UnauthorizedError('The request signature headers are malformed.', 'SIGNATURE_INVALID');
    }
    const expected = computeSignature(secret, {
      method: req.method,
      pathWithQuery: req.originalUrl,
      timestamp,
      nonce,
      body: req.rawBody,
      userHeader,
    });
    if (!signaturesEqual(expected, signature.toLowerCase())) {
      throw new UnauthorizedError('The request signature does not match: the shared secrets differ.', 'SIGNATURE_INVALID');
    }
    const skew = Math.floor(now().getTime() / 1000) - Number(timestamp);
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) {
      throw new UnauthorizedError(
        `The request was signed ${Math.abs(skew)} seconds ${skew > 0 ? 'in the past' : 'in the future'}; clocks must agree within ${SIGNATURE_WINDOW_SECONDS} seconds.`,
        'TIMESTAMP_SKEW',
      );
    }
    const user = decodeUser(userHeader);
    // Kept a minute past the window so a request at the window's edge cannot be replayed either.
    const expiresAt = new Date((Number(timestamp) + SIGNATURE_WINDOW_SECONDS + 60) * 1000);
    if (!(await replayGuard.firstUse(signature.toLowerCase(), expiresAt))) {
      throw new UnauthorizedError('This signed request was already used.', 'REPLAYED_REQUEST');
    }
    req.user = user;
    next();
  };
}

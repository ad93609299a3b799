import type { Logger } from '../logger';
import type { SignedUser } from './auth/request-signature';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: taken from X-Request-Id when sane, else generated; echoed back. */
    id: string;
    log: Logger;
    /** The exact bytes received, which the signature covers. */
    rawBody: Buffer;
    /** Set only after a valid signature. */
    user?: SignedUser;
  }
}

export {};

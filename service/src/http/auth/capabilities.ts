import type { RequestHandler } from 'express';
import { NoPermissionError, UnauthorizedError } from '../../errors';

export const CAPABILITIES = {
  manage: 'cuadra_manage',
  billing: 'cuadra_billing',
  support: 'cuadra_support',
} as const;

export type Capability = (typeof CAPABILITIES)[keyof typeof CAPABILITIES];

export const ANY_CUADRA_CAPABILITY: Capability[] = Object.values(CAPABILITIES);

/** The system user WordPress signs contact-form submissions as: it may only submit them. */
export const FORM_SUBMIT_CAPABILITY = 'cuadra_form_submit';
/** WordPress's own capability of anyone who may use the block editor (which lists departments). */
export const EDIT_POSTS_CAPABILITY = 'edit_posts';

/** Lets the request through when the signed user has at least one of the capabilities. */
export function requireCapability(...anyOf: (Capability | typeof FORM_SUBMIT_CAPABILITY | typeof EDIT_POSTS_CAPABILITY)[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new UnauthorizedError('This request is not signed by the Cuadra plugin.', 'SIGNATURE_MISSING');
    if (!anyOf.some((cap) => req.user!.caps.includes(cap))) {
      throw new NoPermissionError(`This needs one of these capabilities: ${anyOf.join(', ')}.`, 'MISSING_CAPABILITY');
    }
    next();
  };
}

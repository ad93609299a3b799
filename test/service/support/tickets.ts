import { randomUUID } from 'node:crypto';
import type { SignedUser } from '../../../service/src/http/auth/request-signature';

export const SUPPORT_AGENT: SignedUser = { id: 3, login: 'soporte', caps: ['cuadra_support'] };
/** As wp-plugin/src/Service/SystemUser.php signs form deliveries. */
export const FORM_SUBMITTER: SignedUser = { id: 0, login: 'cuadra-contact-form', caps: ['cuadra_form_submit'], locale: 'es_ES' };
export const EDITOR: SignedUser = { id: 5, login: 'editora', caps: ['edit_posts'] };

export interface SubmissionOverrides {
  idempotency_key?: string;
  submitted_at?: string;
  department_id?: number | null;
  list_ids?: number[];
  fields?: Record<string, unknown>;
  consent?: Record<string, unknown> | null;
  locale?: string;
}

/** A body for POST /contact-submissions exactly as the plugin builds it (SubmissionHandler::payload). */
export function submissionBody(overrides: SubmissionOverrides = {}) {
  return {
    idempotency_key: overrides.idempotency_key ?? randomUUID(),
    submitted_at: overrides.submitted_at ?? new Date().toISOString(),
    source: { post_id: 12, page_url: 'https://site.example/contacto/', form_id: 'a1b2c3' },
    department_id: overrides.department_id === undefined ? null : overrides.department_id,
    list_ids: overrides.list_ids ?? [],
    fields: {
      name: 'Ana',
      email: 'ana@example.es',
      phone: '',
      subject: 'Hola',
      message: 'Quería información sobre vuestros servicios.',
      selects: { Motivo: 'Ventas' },
      privacy_accepted: true,
      marketing_consent: false,
      ...overrides.fields,
    },
    consent:
      overrides.consent === undefined
        ? { text: 'Acepto recibir comunicaciones comerciales.', version: 'v1', ip: '203.0.113.5', user_agent: 'Mozilla/5.0 (test)' }
        : overrides.consent,
    locale: overrides.locale ?? 'es_ES',
  };
}

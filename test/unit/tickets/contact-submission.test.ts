import { ValidationError } from '../../../service/src/errors';
import { parseInput } from '../../../service/src/http/validation';
import {
  CONTACT_MESSAGE_MAX_CHARS,
  contactEmailKey,
  contactSubmissionSchema,
  normalizeContactEmail,
  sameContactEmail,
  type ContactFormRules,
} from '../../../service/src/domain/tickets/contact-submission';

const rules: ContactFormRules = {
  phone: 'optional',
  subject: 'required',
  selects: [
    { name: 'topic', options: ['Facturación', 'Soporte técnico'], required: true, multiple: false },
    { name: 'products', options: ['Cuadra', 'Plugin'], required: false, multiple: true },
  ],
  department_ids: [3, 4],
};

const valid = {
  name: 'José Muñoz',
  email: 'Jose.Munoz@Ejemplo.ES',
  phone: '+34 600 000 000',
  subject: 'Factura',
  message: 'Hola',
  selections: { topic: 'Facturación' },
  privacy_accepted: true,
  department_id: 3,
};

/** The field errors parseInput would send back, as [property, code]. */
function fieldErrors(input: unknown, formRules: ContactFormRules = rules): [string | null | undefined, string][] {
  try {
    parseInput(contactSubmissionSchema(formRules), input);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((field) => [field.property, field.code]);
    throw error;
  }
  return [];
}

describe('contactSubmissionSchema', () => {
  it('accepts a complete submission and normalises it', () => {
    expect(parseInput(contactSubmissionSchema(rules), { ...valid, unexpected_field: 'dropped' })).toEqual({
      name: 'José Muñoz',
      email: 'Jose.Munoz@ejemplo.es',
      phone: '+34 600 000 000',
      subject: 'Factura',
      message: 'Hola',
      selections: { topic: 'Facturación', products: [] },
      privacy_accepted: true,
      marketing_consent: false,
      department_id: 3,
    });
  });

  it('rejects a 20,001-character message, naming the field, and accepts 20,000', () => {
    expect(fieldErrors({ ...valid, message: 'a'.repeat(CONTACT_MESSAGE_MAX_CHARS + 1) })).toEqual([['message', 'TOO_LONG']]);
    expect(fieldErrors({ ...valid, message: 'a'.repeat(CONTACT_MESSAGE_MAX_CHARS) })).toEqual([]);
    // Characters, not UTF-16 units: 20,000 emoji (40,000 units) are 20,000 characters.
    expect(fieldErrors({ ...valid, message: '😀'.repeat(CONTACT_MESSAGE_MAX_CHARS) })).toEqual([]);
    expect(fieldErrors({ ...valid, message: '😀'.repeat(CONTACT_MESSAGE_MAX_CHARS + 1) })).toEqual([['message', 'TOO_LONG']]);
  });

  it('rejects header injection in the name and the subject', () => {
    expect(fieldErrors({ ...valid, name: 'Ana\r\nBcc: victima@example.com', subject: 'Hola\nContent-Type: text/html' })).toEqual([
      ['name', 'CONTROL_CHARACTERS'],
      ['subject', 'CONTROL_CHARACTERS'],
    ]);
    expect(fieldErrors({ ...valid, email: 'ana@example.com\r\nBcc: victima@example.com' })).toEqual([['email', 'INVALID_EMAIL']]);
  });

  it('keeps emoji, accents and markup exactly as typed (escaping is the renderer’s job)', () => {
    const message = '¡Hola! ¿Qué tal? Ñandú, pingüino, façade 👍🏽👨‍👩‍👧 <script>alert("x")</script>\n\tSegunda línea';
    const parsed = parseInput(contactSubmissionSchema(rules), { ...valid, name: 'Zoë Ångström 🌸', subject: 'Acción <b>ya</b>', message });
    expect(parsed.name).toBe('Zoë Ångström 🌸');
    expect(parsed.subject).toBe('Acción <b>ya</b>');
    expect(parsed.message).toBe(message);
  });

  it('unifies line breaks and drops control characters from the message', () => {
    expect(parseInput(contactSubmissionSchema(rules), { ...valid, message: '  Uno\r\nDos\rTres\u0000\u0007  ' }).message).toBe(
      'Uno\nDos\nTres',
    );
  });

  it('names every missing or wrong field at once', () => {
    expect(fieldErrors({ email: 'no-es-un-email', privacy_accepted: false, selections: { topic: 'Otra cosa' }, department_id: 9 })).toEqual(
      [
        ['name', 'REQUIRED'],
        ['email', 'INVALID_EMAIL'],
        ['subject', 'REQUIRED'],
        ['message', 'REQUIRED'],
        ['selections.topic', 'INVALID_OPTION'],
        ['privacy_accepted', 'PRIVACY_NOT_ACCEPTED'],
        ['department_id', 'INVALID_DEPARTMENT'],
      ],
    );
    expect(fieldErrors({ ...valid, name: '   ', selections: {}, phone: 'llámame' })).toEqual([
      ['name', 'REQUIRED'],
      ['phone', 'INVALID_PHONE'],
      ['selections.topic', 'REQUIRED'],
    ]);
  });

  it('checks multiple selects against the offered options and drops unknown selects', () => {
    const parsed = parseInput(contactSubmissionSchema(rules), {
      ...valid,
      selections: { topic: 'Facturación', products: 'Plugin', injected: 'x' },
    });
    expect(parsed.selections).toEqual({ topic: 'Facturación', products: ['Plugin'] });
    expect(fieldErrors({ ...valid, selections: { topic: 'Facturación', products: ['Plugin', 'Otro'] } })).toEqual([
      ['selections.products', 'INVALID_OPTION'],
    ]);
  });

  it('reads checkboxes as posted by a plain HTML form; marketing consent is separate from privacy', () => {
    const parsed = parseInput(contactSubmissionSchema(rules), { ...valid, privacy_accepted: 'on', marketing_consent: 'on' });
    expect(parsed.privacy_accepted).toBe(true);
    expect(parsed.marketing_consent).toBe(true);
    expect(parseInput(contactSubmissionSchema(rules), { ...valid, privacy_accepted: '1' }).marketing_consent).toBe(false);
    expect(fieldErrors({ ...valid, privacy_accepted: undefined })).toEqual([['privacy_accepted', 'PRIVACY_NOT_ACCEPTED']]);
    expect(fieldErrors({ ...valid, privacy_accepted: 'yes please' })).toEqual([['privacy_accepted', 'INVALID_VALUE']]);
    expect(fieldErrors({ ...valid, selections: undefined })).toEqual([['selections.topic', 'REQUIRED']]);
  });

  it('follows the form’s rules for phone, subject and department', () => {
    const fixed: ContactFormRules = { phone: 'hidden', subject: 'optional', selects: [], department_ids: [5] };
    const parsed = parseInput(contactSubmissionSchema(fixed), {
      name: 'Ana',
      email: 'ana@example.com',
      message: 'Hola',
      privacy_accepted: true,
      phone: '600',
    });
    expect(parsed).toMatchObject({ phone: '', subject: '', department_id: 5, selections: {} });
    expect(fieldErrors({ ...valid, department_id: 4 }, fixed)).toEqual([['department_id', 'INVALID_DEPARTMENT']]);
    expect(parseInput(contactSubmissionSchema(rules), { ...valid, department_id: '4' }).department_id).toBe(4);
    expect(fieldErrors({ ...valid, department_id: undefined })).toEqual([['department_id', 'INVALID_DEPARTMENT']]);
    const anyDepartment = parseInput(contactSubmissionSchema(), {
      name: 'Ana',
      email: 'ana@example.com',
      message: 'Hola',
      privacy_accepted: true,
    });
    expect(anyDepartment.department_id).toBeNull();
  });
});

describe('contact e-mail matching', () => {
  it('lower-cases the domain only when storing', () => {
    expect(normalizeContactEmail('  Ana.Perez@Example.COM ')).toBe('Ana.Perez@example.com');
  });

  it('compares addresses without case, and IDN domains in either form', () => {
    expect(sameContactEmail('Ana.Perez@Example.COM', 'ana.perez@example.com')).toBe(true);
    expect(sameContactEmail('ana@ñandú.es', 'ANA@xn--and-6ma2c.es')).toBe(true);
    expect(sameContactEmail('ana@example.com', 'ana2@example.com')).toBe(false);
    expect(contactEmailKey('José@Ejemplo.es')).toBe('josé@ejemplo.es');
  });
});

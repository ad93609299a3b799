import { simpleParser } from 'mailparser';
import { RECIPIENT_HEADERS, listUnsubscribeHeaders, mailtoUnsubscribeTokens } from '../../service/src/domain/lists/list-mail';
import { newListToken } from '../../service/src/services/lists/list-models';

const TOKEN = 'Xk3_9-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789a'; // 43 characters, as newListToken makes them
const OTHER = '-Z9_yxwvutsrqponmlkjihgfedcbaZYXWVUTSRQPONM';

const fromSubject = (subject: string) => mailtoUnsubscribeTokens({ subject, recipientHeaders: [] });

/** Parses a raw message as the mailbox reader does and looks for tokens the same way. */
async function tokensOfRaw(raw: string): Promise<string[]> {
  const parsed = await simpleParser(Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
  return mailtoUnsubscribeTokens({
    subject: parsed.subject ?? '',
    recipientHeaders: parsed.headerLines
      .filter((line) => (RECIPIENT_HEADERS as readonly string[]).includes(line.key))
      .map((line) => line.line),
  });
}

describe('mailto unsubscribe tokens', () => {
  it('the token shape matches what newListToken makes', () => {
    for (let i = 0; i < 50; i++) expect(fromSubject(`unsubscribe ${newListToken()}`)).toHaveLength(1);
    expect(TOKEN).toHaveLength(43);
    expect(OTHER).toHaveLength(43);
  });

  it('reads back the subject our List-Unsubscribe mailto asks for', () => {
    const header = listUnsubscribeHeaders({ unsubscribeUrl: 'https://sitio.example/?x=1', mailto: 'soporte@ejemplo.es', token: TOKEN })[
      'List-Unsubscribe'
    ]!;
    const mailto = /<(mailto:[^>]+)>/.exec(header)![1]!;
    const url = new URL(mailto);
    expect(url.pathname).toBe('soporte@ejemplo.es');
    // What a mail client puts in the Subject: the decoded query parameter.
    expect(fromSubject(url.searchParams.get('subject')!)).toEqual([TOKEN]);
  });

  it.each([
    [`unsubscribe ${TOKEN}`],
    [`Unsubscribe ${TOKEN}`],
    [`UNSUBSCRIBE  ${TOKEN} `],
    [`Re: unsubscribe ${TOKEN}`],
    [`unsubscribe%20${TOKEN}`], // a client that did not decode the mailto URL
    [`unsubscribe+${TOKEN}`],
    [`unsubscribe: ${TOKEN}`],
    [`[Novedades] unsubscribe ${TOKEN} (please)`],
  ])('finds the token in the subject %j', (subject) => {
    expect(fromSubject(subject)).toEqual([TOKEN]);
  });

  it.each([
    ['', 'empty'],
    ['unsubscribe', 'no token'],
    ['Please unsubscribe me', 'no token'],
    [`unsubscribe ${TOKEN.slice(0, 42)}`, 'truncated'],
    [`unsubscribe ${TOKEN}x`, 'too long'],
    [`unsubscribe ${TOKEN.slice(0, 20)}+${TOKEN.slice(21)}`, 'a character that is not base64url'],
    [`unsubscribe ${TOKEN.slice(0, 20)}=${TOKEN.slice(21)}`, 'padding inside'],
    [`unsubscribe${TOKEN}`, 'no separator'],
    [`xunsubscribe ${TOKEN}`, 'another word'],
    [`unsubscribe-${TOKEN}`, 'a hyphen is part of a token, not a separator'],
    [`Re: [#12] ${TOKEN}`, 'a token-shaped word without "unsubscribe"'],
  ])('finds nothing in %j (%s)', (subject) => {
    expect(fromSubject(subject)).toEqual([]);
  });

  it('finds a plus-address token in To, Cc, Delivered-To and X-Original-To, once each', () => {
    expect(
      mailtoUnsubscribeTokens({
        subject: 'Unsubscribe',
        recipientHeaders: [`To: <soporte+unsubscribe-${TOKEN}@ejemplo.es>`, `Delivered-To: soporte+unsubscribe-${TOKEN}@ejemplo.es`],
      }),
    ).toEqual([TOKEN]);
    expect(
      mailtoUnsubscribeTokens({
        subject: `unsubscribe ${TOKEN}`,
        recipientHeaders: [`Cc: "Baja" <soporte+UNSUBSCRIBE-${OTHER}@ejemplo.es>`],
      }),
    ).toEqual([TOKEN, OTHER]);
    // Not a plus-address of ours: no "+unsubscribe-" tag, a truncated token, or no domain.
    expect(
      mailtoUnsubscribeTokens({
        subject: '',
        recipientHeaders: [
          `To: soporte-unsubscribe-${TOKEN}@ejemplo.es`,
          `To: soporte+unsubscribe-${TOKEN.slice(1)}@ejemplo.es`,
          `To: soporte+unsubscribe-${TOKEN}`,
        ],
      }),
    ).toEqual([]);
  });

  it('reads raw messages as the mailbox reader does: encoded subjects, folded headers, plus-addresses', async () => {
    const encoded = Buffer.from(`unsubscribe ${TOKEN}`, 'utf8').toString('base64');
    expect(
      await tokensOfRaw(
        `From: ana@example.es\nTo: soporte@ejemplo.es\nSubject: =?UTF-8?B?${encoded}?=\nMessage-ID: <u1@example.es>\nContent-Type: text/plain\n\n`,
      ),
    ).toEqual([TOKEN]);
    expect(
      await tokensOfRaw(
        `From: ana@example.es\nTo: soporte@ejemplo.es\nSubject: unsubscribe\n ${TOKEN}\nMessage-ID: <u2@example.es>\nContent-Type: text/plain\n\n`,
      ),
    ).toEqual([TOKEN]);
    expect(
      await tokensOfRaw(
        `Delivered-To: soporte+unsubscribe-${OTHER}@ejemplo.es\nFrom: ana@example.es\nTo: "Soporte"\n <soporte+unsubscribe-${OTHER}@ejemplo.es>\nSubject: Baja\nContent-Type: text/plain\n\n`,
      ),
    ).toEqual([OTHER]);
    // The token only in the body (a forwarded list e-mail, a quoted header) is not a request.
    expect(
      await tokensOfRaw(
        `From: ana@example.es\nTo: soporte@ejemplo.es\nSubject: Fwd: Novedades\nContent-Type: text/plain\n\nList-Unsubscribe: <mailto:soporte@ejemplo.es?subject=unsubscribe%20${TOKEN}>\nunsubscribe ${TOKEN}\n`,
      ),
    ).toEqual([]);
  });
});

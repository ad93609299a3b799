import { REPLY_ABOVE_THIS_LINE, stripQuotedReply } from '../../../service/src/domain/tickets/ticket-mail';

describe('stripQuotedReply', () => {
  it('Gmail in English, with the attribution wrapped over two lines', () => {
    const text = `Thanks, it works now.

Ana

On Mon, 3 Mar 2025 at 10:15, Cuadra Support <soporte@cuadra.test>
wrote:

> Hello Ana,
> please try again.
`;
    expect(stripQuotedReply(text)).toBe('Thanks, it works now.\n\nAna');
  });

  it('Gmail in Spanish', () => {
    const text = `Gracias, ya funciona.

El lun, 3 mar 2025 a las 10:15, Soporte Cuadra (<soporte@cuadra.test>) escribió:
> Hola Ana,
> prueba de nuevo.
>
> El vie, 28 feb 2025 a las 9:00, Ana (<ana@example.com>) escribió:
>> No puedo descargar la factura.
`;
    expect(stripQuotedReply(text)).toBe('Gracias, ya funciona.');
  });

  it('Apple Mail in English and in Spanish', () => {
    expect(
      stripQuotedReply(
        'Perfect.\n\nSent from my iPhone\n\nOn 3 Mar 2025, at 10:15, Cuadra Support <soporte@cuadra.test> wrote:\n\n> Hello\n',
      ),
    ).toBe('Perfect.');
    expect(
      stripQuotedReply(
        'Perfecto.\n\nEnviado desde mi iPhone\n\nEl 3 mar 2025, a las 10:15, Soporte Cuadra <soporte@cuadra.test> escribió:\n\n> Hola\n',
      ),
    ).toBe('Perfecto.');
  });

  it('Outlook separators in English and Spanish', () => {
    expect(stripQuotedReply('See attached.\n\n-----Original Message-----\nFrom: Cuadra Support\nSent: Monday\n\nHello')).toBe(
      'See attached.',
    );
    expect(stripQuotedReply('Adjunto el PDF.\r\n\r\n-----Mensaje original-----\r\nDe: Soporte\r\nEnviado: lunes\r\n\r\nHola')).toBe(
      'Adjunto el PDF.',
    );
  });

  it('Outlook header blocks in English and Spanish, with and without the rule', () => {
    const english = `Yes, please cancel it.

________________________________
From: Cuadra Support <soporte@cuadra.test>
Sent: Monday, March 3, 2025 10:15 AM
To: Ana Pérez <ana@example.com>
Subject: [#42] Subscription

Hello Ana,`;
    expect(stripQuotedReply(english)).toBe('Yes, please cancel it.');

    const spanish = `Sí, cancélala por favor.

De: Soporte Cuadra <soporte@cuadra.test>
Enviado el: lunes, 3 de marzo de 2025 10:15
Para: Ana Pérez <ana@example.com>
Asunto: [#42] Suscripción

Hola Ana,`;
    expect(stripQuotedReply(spanish)).toBe('Sí, cancélala por favor.');
  });

  it('keeps answers written between quoted lines and below them', () => {
    const inline = `On Mon, 3 Mar 2025 at 10:15, Cuadra Support <soporte@cuadra.test> wrote:
> Which invoice number?
F-2025-0042
> And the amount?
121,00 €

--
Ana Pérez
Calle Mayor 1`;
    expect(stripQuotedReply(inline)).toBe('F-2025-0042\n121,00 €');

    const bottomPosted = `El lun, 3 mar 2025 a las 10:15, Soporte <soporte@cuadra.test> escribió:
> ¿Qué número de factura?

La F-2025-0042. ¡Gracias! 😊`;
    expect(stripQuotedReply(bottomPosted)).toBe('La F-2025-0042. ¡Gracias! 😊');
  });

  it('removes the signature after "-- "', () => {
    expect(stripQuotedReply('Done, thanks.\n-- \nAna Pérez\nGerente')).toBe('Done, thanks.');
  });

  it('cuts at our reply-above line', () => {
    expect(stripQuotedReply(`Gracias.\n\n> ${REPLY_ABOVE_THIS_LINE}\n> Hola Ana`)).toBe('Gracias.');
    expect(stripQuotedReply(`Gracias.\n${REPLY_ABOVE_THIS_LINE}\nHola Ana`)).toBe('Gracias.');
  });

  it('does not mistake the customer’s own words for a quote header', () => {
    const text = `From: Madrid we ship to all of Spain.
El cliente me escribió: que no le llega la factura.
On the other hand, the old address wrote: nothing.`;
    expect(stripQuotedReply(text)).toBe(text);
  });

  it('keeps everything when nothing of the customer’s own would remain', () => {
    const onlyQuote = '> Hola Ana,\n> prueba de nuevo.';
    expect(stripQuotedReply(onlyQuote)).toBe(onlyQuote);
  });
});

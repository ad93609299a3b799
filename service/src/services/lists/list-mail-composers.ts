import type { CredentialCipher } from '../../adapters/crypto/credential-cipher';
import { composeListMail, listActionUrl } from '../../domain/lists/list-mail';
import { safeHeaderText } from '../../domain/tickets/ticket-mail';
import type { MailComposer } from '../outbox/outbox-service';
import type { ConfirmationMailPayload } from './list-signups';
import { CONFIRM_TOKEN_PURPOSE, UNSUBSCRIBE_TOKEN_PURPOSE, type ListMailSettings, type ListModels } from './list-models';

const spanish = (locale: string) => locale === '' || locale.toLowerCase().startsWith('es');

/**
 * Where a member's links point: CUADRA_PUBLIC_URL when set, else the page of the form they signed up
 * on (WordPress handles `?cuadra_list_action=` on any front-end page). Admin additions need the setting.
 */
function linkBase(settings: ListMailSettings, payloadBase: string | null): string {
  const base = settings.publicUrl ?? payloadBase;
  if (!base) {
    throw new Error(
      'CUADRA_PUBLIC_URL is not set, so list e-mails have no site to link to; the e-mail waits in the outbox until it is set.',
    );
  }
  return base;
}

/** Builds the unsubscribe link of a member from its sealed token: every list e-mail needs it (composeListMail). */
export function unsubscribeUrlOf(cipher: CredentialCipher, sealedToken: string, base: string): { url: string; token: string } {
  const token = cipher.decrypt(sealedToken, UNSUBSCRIBE_TOKEN_PURPOSE);
  return { url: listActionUrl(base, 'unsubscribe', token), token };
}

/** The double opt-in e-mail: transactional, but it already carries the list's one-click unsubscribe headers. */
export function listMailComposers({
  models,
  cipher,
  settings,
}: {
  models: ListModels;
  cipher: CredentialCipher;
  settings: ListMailSettings;
}): Record<string, MailComposer> {
  const { MarketingList, ListMember, Contact } = models;

  const listConfirmation: MailComposer = async (payload) => {
    const { member_id, confirm_token, link_base, locale } = payload as ConfirmationMailPayload;
    const member = await ListMember.findByPk(member_id);
    const [list, contact] = member ? await Promise.all([MarketingList.findByPk(member.list_id), Contact.findByPk(member.contact_id)]) : [];
    if (!member || !list || !contact) throw new Error(`List membership ${member_id} no longer exists.`);
    const base = linkBase(settings, link_base);
    const confirmUrl = listActionUrl(base, 'confirm', cipher.decrypt(confirm_token, CONFIRM_TOKEN_PURPOSE));
    const unsubscribe = unsubscribeUrlOf(cipher, member.unsubscribe_token_sealed, base);
    const name = safeHeaderText(list.name, 100);
    const es = spanish(locale);
    const text = es
      ? [
          'Hola:',
          '',
          `Has pedido recibir nuestras comunicaciones de «${name}». Para confirmarlo, abre este enlace:`,
          '',
          confirmUrl,
          '',
          'Si no lo has pedido tú, ignora este mensaje: sin confirmación no recibirás nada más.',
        ].join('\n')
      : [
          'Hello,',
          '',
          `You asked to receive our "${name}" e-mails. To confirm, open this link:`,
          '',
          confirmUrl,
          '',
          'If it was not you, ignore this message: without confirmation you will receive nothing else.',
        ].join('\n');
    return composeListMail({
      from: settings.from,
      to: contact.email,
      subject: es ? `Confirma tu suscripción a «${name}»` : `Confirm your subscription to "${name}"`,
      text,
      unsubscribeUrl: unsubscribe.url,
      unsubscribeMailto: settings.unsubscribeMailto,
      unsubscribeToken: unsubscribe.token,
      unsubscribeLine: es ? 'Para darte de baja de esta lista:' : 'To leave this list:',
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  };

  return { list_confirmation: listConfirmation };
}

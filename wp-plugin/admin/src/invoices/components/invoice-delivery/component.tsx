import { Button, Card, CardBody, CardHeader, Notice, TextControl } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { fetchInvoiceEmails, sendInvoice, type InvoiceEmail } from '../../../api/billing-api';
import type { Invoice } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { formatDateTime } from '../../../shared/dates';

/**
 * The PDF download link the plugin prepared (admin-post.php with a nonce), for one invoice.
 *
 * @param invoiceId The invoice.
 */
function pdfUrl( invoiceId: number ): string | null {
	const base = document.getElementById( 'cuadra-invoices-root' )?.dataset.pdfUrl;
	return base ? `${ base }&id=${ invoiceId }` : null;
}

function statusLabel( email: InvoiceEmail ): string {
	if ( email.status === 'sent' ) {
		return sprintf(
			/* translators: %s: date and time the e-mail was sent */
			__( 'Sent %s', 'cuadra' ),
			formatDateTime( email.sent_at )
		);
	}
	if ( email.status === 'failed' ) {
		return __( 'Could not be sent', 'cuadra' );
	}
	return email.attempts > 0
		? __( 'Waiting to retry', 'cuadra' )
		: __( 'Queued', 'cuadra' );
}

interface InvoiceDeliveryProps {
	invoice: Invoice;
}

/** Getting an issued invoice to the customer: its PDF, and e-mail with a history of what was sent. */
export function InvoiceDelivery( { invoice }: InvoiceDeliveryProps ) {
	const [ emails, setEmails ] = useState< InvoiceEmail[] >( [] );
	const [ to, setTo ] = useState( '' );
	const [ busy, setBusy ] = useState( false );
	const [ notice, setNotice ] = useState< { status: 'success' | 'error'; message: string } | null >( null );
	const url = pdfUrl( invoice.id );

	useEffect( () => {
		fetchInvoiceEmails( invoice.id )
			.then( ( answer ) => setEmails( answer.emails ) )
			.catch( () => undefined );
	}, [ invoice.id ] );

	const send = () => {
		setBusy( true );
		setNotice( null );
		const addresses = to
			.split( /[,;\s]+/ )
			.map( ( address ) => address.trim() )
			.filter( Boolean );
		sendInvoice( invoice.id, addresses )
			.then( ( answer ) => {
				setEmails( answer.emails );
				setTo( '' );
				setNotice( {
					status: 'success',
					message: __( 'The invoice is queued and will be e-mailed in a moment.', 'cuadra' ),
				} );
			} )
			.catch( ( error: unknown ) =>
				setNotice( { status: 'error', message: describeRequestProblem( error ).message } )
			)
			.finally( () => setBusy( false ) );
	};

	return (
		<Card className="cuadra-panel cuadra-invoice-delivery">
			<CardHeader>
				<h2 className="cuadra-panel__title">{ __( 'PDF and e-mail', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>
				{ url && (
					<p>
						<Button variant="secondary" href={ url } target="_blank" rel="noopener noreferrer">
							{ __( 'Download PDF', 'cuadra' ) }
						</Button>
					</p>
				) }
				{ notice && (
					<Notice status={ notice.status } onRemove={ () => setNotice( null ) }>
						{ notice.message }
					</Notice>
				) }
				<TextControl
					label={ __( 'Send to', 'cuadra' ) }
					help={ sprintf(
						/* translators: %s: the customer's e-mail address */
						__( 'Leave empty to send to %s.', 'cuadra' ),
						invoice.recipient?.email || __( 'the customer', 'cuadra' )
					) }
					type="email"
					value={ to }
					onChange={ setTo }
				/>
				<Button variant="primary" onClick={ send } isBusy={ busy } disabled={ busy }>
					{ emails.length ? __( 'Send again', 'cuadra' ) : __( 'Send by e-mail', 'cuadra' ) }
				</Button>
				{ emails.length > 0 && (
					<ul className="cuadra-email-history">
						{ emails.map( ( email ) => (
							<li key={ email.id }>
								{ statusLabel( email ) }
								{ email.status !== 'sent' && email.last_error && (
									<span className="cuadra-muted"> — { email.last_error }</span>
								) }
							</li>
						) ) }
					</ul>
				) }
			</CardBody>
		</Card>
	);
}

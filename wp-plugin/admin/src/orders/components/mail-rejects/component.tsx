import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, Fragment, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { formatDateTime } from '../../../shared/dates';
import {
	dismissMailReject,
	fetchMailReject,
	listMailRejects,
	type MailReject,
	type MailRejectDetail,
} from '../../mail-rejects-api';

/**
 * The service's reason ("not_recognised: …", "malformed: …") as a short verdict and its detail.
 *
 * @param reason The stored reason.
 */
function readReason( reason: string ): { verdict: string; detail: string } {
	const match = /^(not_recognised|malformed):\s*(.*)$/s.exec( reason );
	if ( ! match ) {
		return { verdict: '', detail: reason };
	}
	return {
		verdict:
			match[ 1 ] === 'malformed'
				? __( 'An order e-mail that could not be read', 'cuadra' )
				: __( 'Not an order e-mail', 'cuadra' ),
		detail: match[ 2 ] ?? '',
	};
}

function sizeLabel( bytes: number ): string {
	return bytes < 1024
		? sprintf( /* translators: %d: size in bytes */ __( '%d bytes', 'cuadra' ), bytes )
		: sprintf( /* translators: %s: size in kilobytes */ __( '%s KB', 'cuadra' ), ( bytes / 1024 ).toFixed( 1 ) );
}

function sourceIntro( shown: MailRejectDetail ): string {
	if ( ! shown.raw_truncated ) {
		return __( 'The raw message:', 'cuadra' );
	}
	/* translators: %s: size of the whole message */
	return sprintf( __( 'The start of the raw message (the whole message is %s):', 'cuadra' ), sizeLabel( shown.raw_size ) );
}

/**
 * "Mail not read (N)" on a store that uses the mailbox fallback: the messages that were not readable
 * "New order" e-mails, kept aside with the reason, and the start of each raw message (as text) for diagnosis.
 */
export function MailRejects( { store }: { store: Store } ) {
	const [ rejects, setRejects ] = useState< MailReject[] | null >( null );
	const [ open, setOpen ] = useState( false );
	const [ shown, setShown ] = useState< MailRejectDetail | null >( null );
	const [ working, setWorking ] = useState< number | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const usesMailbox = store.imap !== null && store.imap.host !== '';

	useEffect( () => {
		let current = true;
		listMailRejects( store.id )
			.then( ( loaded ) => current && setRejects( loaded.items ) )
			.catch( ( problem: unknown ) => current && setError( describeRequestProblem( problem ).message ) );
		return () => {
			current = false;
		};
	}, [ store.id ] );

	if ( ! usesMailbox && ( rejects === null || rejects.length === 0 ) && ! error ) {
		return null;
	}

	const showRaw = ( reject: MailReject ) => {
		if ( shown?.id === reject.id ) {
			setShown( null );
			return;
		}
		setWorking( reject.id );
		setError( null );
		fetchMailReject( store.id, reject.id )
			.then( setShown )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setWorking( null ) );
	};

	const dismiss = ( reject: MailReject ) => {
		setWorking( reject.id );
		setError( null );
		dismissMailReject( store.id, reject.id )
			.then( () => {
				setRejects( ( rejects ?? [] ).filter( ( candidate ) => candidate.id !== reject.id ) );
				if ( shown?.id === reject.id ) {
					setShown( null );
				}
			} )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setWorking( null ) );
	};

	const count = rejects?.length ?? 0;
	/* translators: %d: number of e-mails set aside */
	let title = sprintf( __( 'Mail not read (%d)', 'cuadra' ), count );
	if ( count >= 100 ) {
		title = __( 'Mail not read (100 or more)', 'cuadra' );
	}

	return (
		<div className="cuadra-mail-rejects" data-store-id={ store.id }>
			<h3 className="cuadra-mail-rejects__title">
				{ count > 0 ? (
					<Button variant="link" aria-expanded={ open } onClick={ () => setOpen( ! open ) }>
						{ title }
					</Button>
				) : (
					title
				) }
			</h3>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ rejects === null && ! error && <Spinner /> }
			{ count === 0 && rejects !== null && (
				<p className="cuadra-muted">{ __( 'Every message read from the mailbox was an order e-mail.', 'cuadra' ) }</p>
			) }
			{ open && count > 0 && (
				<Fragment>
					<p className="cuadra-muted">
						{ __(
							'These messages in the store\'s mailbox were not readable "New order" e-mails. They are kept here with the reason; nothing was imported from them.',
							'cuadra'
						) }{ ' ' }
						{ __( 'Dismiss one once you have looked at it: the message stays in the mailbox.', 'cuadra' ) }
					</p>
					<table className="widefat striped cuadra-mail-rejects__table">
						<thead>
							<tr>
								<th scope="col">{ __( 'Set aside', 'cuadra' ) }</th>
								<th scope="col">{ __( 'From', 'cuadra' ) }</th>
								<th scope="col">{ __( 'Subject', 'cuadra' ) }</th>
								<th scope="col">{ __( 'Reason', 'cuadra' ) }</th>
								<th scope="col">
									<span className="screen-reader-text">{ __( 'Message', 'cuadra' ) }</span>
								</th>
							</tr>
						</thead>
						<tbody>
							{ ( rejects ?? [] ).map( ( reject ) => {
								const reason = readReason( reject.reason );
								return (
									<Fragment key={ reject.id }>
										<tr className="cuadra-mail-reject" data-reject-id={ reject.id }>
											<td>{ formatDateTime( reject.created_at ) }</td>
											<td>{ reject.from || '—' }</td>
											<td>{ reject.subject || <span className="cuadra-muted">{ __( '(no subject)', 'cuadra' ) }</span> }</td>
											<td>
												{ reason.verdict && <strong>{ reason.verdict }</strong> }
												{ reason.verdict && reason.detail ? ': ' : '' }
												{ reason.detail }
											</td>
											<td>
												<Button
													variant="secondary"
													size="small"
													onClick={ () => showRaw( reject ) }
													isBusy={ working === reject.id }
													disabled={ working !== null }
													aria-expanded={ shown?.id === reject.id }
												>
													{ shown?.id === reject.id
														? __( 'Hide message', 'cuadra' )
														: __( 'View message', 'cuadra' ) }
												</Button>{ ' ' }
												<Button
													variant="tertiary"
													size="small"
													onClick={ () => dismiss( reject ) }
													disabled={ working !== null }
												>
													{ __( 'Dismiss', 'cuadra' ) }
												</Button>
											</td>
										</tr>
										{ shown?.id === reject.id && (
											<tr className="cuadra-mail-reject__source">
												<td colSpan={ 5 }>
													<p className="cuadra-muted">{ sourceIntro( shown ) }</p>
													<pre className="cuadra-mail-rejects__raw">{ shown.raw_excerpt }</pre>
												</td>
											</tr>
										) }
									</Fragment>
								);
							} ) }
						</tbody>
					</table>
				</Fragment>
			) }
		</div>
	);
}

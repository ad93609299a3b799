import { Button, Card, CardBody, CardHeader, Notice, SelectControl, TextareaControl } from '@wordpress/components';
import { createElement, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { sendReply } from '../../../api/tickets-api';
import type { ReplyInput, TicketDetail } from '../../../api/tickets-types';
import { FieldError } from '../../../shared/components/field-error';
import { useUniqueId } from '../../../shared/use-unique-id';
import { formatFileSize } from '../../durations';
import { attachmentProblem, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, readAttachment } from '../../reply-attachments';
import { ticketStatusLabel } from '../../ticket-labels';

interface ReplyBoxProps {
	ticket: TicketDetail;
	/** PHP's post_max_size (0 when unknown). */
	maxRequestBytes: number;
	onSent: ( message: string ) => void;
}

const STATUSES_AFTER: Array< ReplyInput[ 'status' ] > = [ 'waiting', 'open', 'closed' ];

/**
 * A public reply, e-mailed to the customer, with attachments read in the browser and sent as base64.
 * File limits are checked before anything is sent, so a large file never costs a long upload first.
 */
export function ReplyBox( { ticket, maxRequestBytes, onSent }: ReplyBoxProps ) {
	const [ body, setBody ] = useState( '' );
	const [ files, setFiles ] = useState< File[] >( [] );
	const [ statusAfter, setStatusAfter ] = useState< ReplyInput[ 'status' ] >( 'waiting' );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ problem, setProblem ] = useState< string | null >( null );
	const [ sending, setSending ] = useState( false );
	const fileInput = useRef< HTMLInputElement >( null );
	const fileInputId = useUniqueId( 'cuadra-reply-files' );
	const fileHelpId = useUniqueId( 'cuadra-reply-files-help' );

	const filesProblem = attachmentProblem( files, maxRequestBytes );
	const fileError = errors.attachments || filesProblem;

	const addFiles = ( chosen: FileList | null ) => {
		// Copied now: clearing the input below empties its FileList before a state updater would run.
		const added = chosen ? Array.from( chosen ) : [];
		if ( added.length === 0 ) {
			return;
		}
		setFiles( ( current ) => [ ...current, ...added ] );
		setErrors( ( current ) => ( { ...current, attachments: '' } ) );
		if ( fileInput.current ) {
			fileInput.current.value = ''; // The same file can be chosen again after removing it.
		}
	};

	const onSend = () => {
		if ( body.trim() === '' ) {
			setErrors( { body: __( 'Write a reply before sending it.', 'cuadra' ) } );
			return;
		}
		if ( filesProblem ) {
			return;
		}
		setSending( true );
		setProblem( null );
		Promise.all( files.map( readAttachment ) )
			.then( ( attachments ) => sendReply( ticket.id, { body, attachments, status: statusAfter } ) )
			.then( () => {
				setBody( '' );
				setFiles( [] );
				setErrors( {} );
				onSent(
					sprintf(
						/* translators: %s: the customer's e-mail address */
						__( 'Reply saved; it is being e-mailed to %s.', 'cuadra' ),
						ticket.contact.email
					)
				);
			} )
			.catch( ( error: unknown ) => {
				const described = describeRequestProblem( error );
				const atFields: Record< string, string > = {};
				for ( const [ property, message ] of Object.entries( described.fieldErrors ) ) {
					const file = /^attachments\.(\d+)/.exec( property );
					if ( property === 'body' ) {
						atFields.body = message;
					} else if ( file ) {
						const name = files[ Number( file[ 1 ] ) ]?.name ?? '';
						atFields.attachments = `${ atFields.attachments ?? '' } ${ name }: ${ message }`.trim();
					} else if ( property === 'attachments' ) {
						atFields.attachments = sprintf(
							/* translators: 1: most files, 2: most bytes (e.g. "10 MB") */
							__( 'A reply can carry at most %1$d files adding up to %2$s.', 'cuadra' ),
							MAX_ATTACHMENTS,
							formatFileSize( MAX_ATTACHMENT_BYTES )
						);
					}
				}
				setErrors( atFields );
				setProblem(
					Object.keys( atFields ).length
						? __( 'The reply was not sent. Correct what is marked below and send it again.', 'cuadra' )
						: described.message
				);
			} )
			.finally( () => setSending( false ) );
	};

	return (
		<Card className="cuadra-card cuadra-reply-box">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'Reply to the customer', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>
				{ problem && (
					<Notice status="error" isDismissible={ false } className="cuadra-reply-box__notice">
						{ problem }
					</Notice>
				) }
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Reply', 'cuadra' ) }
					help={
						errors.body ? (
							<FieldError message={ errors.body } />
						) : (
							sprintf(
								/* translators: %s: the customer's e-mail address */
								__( 'E-mailed to %s, with the ticket number in the subject.', 'cuadra' ),
								ticket.contact.email
							)
						)
					}
					aria-invalid={ Boolean( errors.body ) }
					value={ body }
					rows={ 8 }
					onChange={ ( value: string ) => {
						setBody( value );
						if ( errors.body ) {
							setErrors( ( current ) => ( { ...current, body: '' } ) );
						}
					} }
					disabled={ sending }
				/>
				<div className="cuadra-reply-box__files">
					<label htmlFor={ fileInputId }>{ __( 'Attachments', 'cuadra' ) }</label>
					<input
						ref={ fileInput }
						id={ fileInputId }
						type="file"
						multiple
						aria-describedby={ fileHelpId }
						aria-invalid={ Boolean( fileError ) }
						onChange={ ( event ) => addFiles( event.target.files ) }
						disabled={ sending }
					/>
					<p id={ fileHelpId } className="cuadra-muted">
						{ fileError ? (
							<FieldError message={ fileError } />
						) : (
							sprintf(
								/* translators: 1: most files, 2: most bytes in all (e.g. "10 MB") */
								__( 'Up to %1$d files, %2$s in all.', 'cuadra' ),
								MAX_ATTACHMENTS,
								formatFileSize( MAX_ATTACHMENT_BYTES )
							)
						) }
					</p>
					{ files.length > 0 && (
						<ul className="cuadra-reply-box__file-list">
							{ files.map( ( file, index ) => (
								<li key={ `${ file.name }-${ index }` }>
									<span>{ file.name }</span> <span className="cuadra-muted">({ formatFileSize( file.size ) })</span>{ ' ' }
									<Button
										variant="link"
										isDestructive
										disabled={ sending }
										onClick={ () => {
											setFiles( ( current ) => current.filter( ( _, at ) => at !== index ) );
											setErrors( ( current ) => ( { ...current, attachments: '' } ) );
										} }
									>
										{ sprintf(
											/* translators: %s: file name */
											__( 'Remove %s', 'cuadra' ),
											file.name
										) }
									</Button>
								</li>
							) ) }
						</ul>
					) }
				</div>
				<div className="cuadra-reply-box__actions">
					<SelectControl
						__nextHasNoMarginBottom
						label={ __( 'Status after sending', 'cuadra' ) }
						value={ statusAfter }
						options={ STATUSES_AFTER.map( ( status ) => ( { value: status, label: ticketStatusLabel( status ) } ) ) }
						onChange={ ( value: string ) => setStatusAfter( value as ReplyInput[ 'status' ] ) }
						disabled={ sending }
					/>
					<Button variant="primary" onClick={ onSend } isBusy={ sending } disabled={ sending || Boolean( filesProblem ) }>
						{ __( 'Send reply', 'cuadra' ) }
					</Button>
				</div>
			</CardBody>
		</Card>
	);
}

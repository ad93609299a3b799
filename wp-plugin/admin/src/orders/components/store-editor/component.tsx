import {
	Button,
	Card,
	CardBody,
	CardHeader,
	CheckboxControl,
	Notice,
	TextControl,
} from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { createStore, newWebhookSecret, updateStore } from '../../../api/orders-api';
import type { Store, StoreInput } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { FieldError } from '../../../shared/components/field-error';
import { setFlash } from '../../../shared/flash';
import { WOO_STATUSES, wooStatusLabel } from '../../order-labels';
import { ConnectionTest } from '../connection-test';

interface StoreEditorProps {
	/** The saved store; null for a new one. */
	store: Store | null;
}

interface StoreForm {
	name: string;
	url: string;
	consumerKey: string;
	consumerSecret: string;
	useMailbox: boolean;
	imapHost: string;
	imapPort: string;
	imapTls: boolean;
	imapUser: string;
	imapPassword: string;
	imapFolder: string;
	statuses: string[];
}

function formFrom( store: Store | null ): StoreForm {
	return {
		name: store?.name ?? '',
		url: store?.url ?? '',
		consumerKey: '',
		consumerSecret: '',
		useMailbox: store?.imap !== null && store?.imap !== undefined,
		imapHost: store?.imap?.host ?? '',
		imapPort: store?.imap?.port ? String( store.imap.port ) : '',
		imapTls: store?.imap?.tls ?? true,
		imapUser: store?.imap?.user ?? '',
		imapPassword: '',
		imapFolder: store?.imap?.folder ?? 'INBOX',
		statuses: store?.invoice_statuses ?? [ 'processing', 'completed' ],
	};
}

/**
 * The body of POST/PUT /stores: a secret left empty is not sent, so the stored one is kept.
 *
 * @param form What was typed.
 */
function toInput( form: StoreForm ): StoreInput {
	const input: StoreInput = {
		name: form.name.trim(),
		url: form.url.trim(),
		imap: null,
		invoice_statuses: form.statuses,
	};
	if ( form.consumerKey.trim() !== '' ) {
		input.consumer_key = form.consumerKey.trim();
	}
	if ( form.consumerSecret.trim() !== '' ) {
		input.consumer_secret = form.consumerSecret.trim();
	}
	if ( form.useMailbox ) {
		const port = Number( form.imapPort );
		input.imap = {
			host: form.imapHost.trim(),
			port: form.imapPort.trim() !== '' && Number.isInteger( port ) ? port : null,
			tls: form.imapTls,
			user: form.imapUser.trim(),
			folder: form.imapFolder.trim() || 'INBOX',
		};
		if ( form.imapPassword !== '' ) {
			input.imap.password = form.imapPassword;
		}
	}
	return input;
}

/** Add or change a WooCommerce store: address, REST keys (write-only), mailbox, statuses to invoice. */
export function StoreEditor( { store }: StoreEditorProps ) {
	const [ form, setForm ] = useState< StoreForm >( () => formFrom( store ) );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ secret, setSecret ] = useState< string | null >( null );

	const change = ( values: Partial< StoreForm > ) => setForm( { ...form, ...values } );
	const errorFor = ( property: string ) =>
		errors[ property ] ? <FieldError message={ errors[ property ] ?? '' } /> : undefined;
	const storedHelp = ( set: boolean | undefined ) =>
		set ? __( 'Set. Leave empty to keep the stored value.', 'cuadra' ) : undefined;

	const save = () => {
		setBusy( true );
		setErrors( {} );
		setNotice( null );
		const input = toInput( form );
		( store ? updateStore( store.id, input ) : createStore( input ) )
			.then( ( saved ) => {
				setFlash( { status: 'success', message: __( 'Store saved.', 'cuadra' ) } );
				navigate( { view: 'stores' }, { replace: true } );
			} )
			.catch( ( problem: unknown ) => {
				const described = describeRequestProblem( problem );
				setErrors( described.fieldErrors );
				setNotice( described.message );
			} )
			.finally( () => setBusy( false ) );
	};

	const makeSecret = () => {
		if ( ! store ) {
			return;
		}
		setBusy( true );
		newWebhookSecret( store.id )
			.then( ( answer ) => setSecret( answer.webhook_secret ) )
			.catch( ( problem: unknown ) => setNotice( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( false ) );
	};

	return (
		<form
			className="cuadra-store-editor"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				save();
			} }
		>
			<h1>{ store ? store.name : __( 'Add a store', 'cuadra' ) }</h1>
			<p className="cuadra-back-link">
				<AdminLink to={ { view: 'stores' } }>{ __( '← Back to stores', 'cuadra' ) }</AdminLink>
			</p>
			{ notice && (
				<Notice status="error" isDismissible={ false } className="cuadra-store-notice">
					{ notice }
				</Notice>
			) }
			<Card className="cuadra-panel">
				<CardHeader>
					<h2 className="cuadra-panel__title">{ __( 'WooCommerce store', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Name', 'cuadra' ) }
						value={ form.name }
						onChange={ ( value: string ) => change( { name: value } ) }
						help={ errorFor( 'name' ) }
					/>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Store URL', 'cuadra' ) }
						type="url"
						placeholder="https://"
						value={ form.url }
						onChange={ ( value: string ) => change( { url: value } ) }
						help={ errorFor( 'url' ) }
					/>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Consumer key', 'cuadra' ) }
						autoComplete="off"
						value={ form.consumerKey }
						placeholder={ store?.consumer_key_set ? __( 'set', 'cuadra' ) : 'ck_…' }
						onChange={ ( value: string ) => change( { consumerKey: value } ) }
						help={ errorFor( 'consumer_key' ) ?? storedHelp( store?.consumer_key_set ) }
					/>
					<TextControl
						__nextHasNoMarginBottom
						label={ __( 'Consumer secret', 'cuadra' ) }
						type="password"
						autoComplete="new-password"
						value={ form.consumerSecret }
						placeholder={ store?.consumer_secret_set ? __( 'set', 'cuadra' ) : 'cs_…' }
						onChange={ ( value: string ) => change( { consumerSecret: value } ) }
						help={ errorFor( 'consumer_secret' ) ?? storedHelp( store?.consumer_secret_set ) }
					/>
					<fieldset className="cuadra-store-statuses">
						<legend>{ __( 'Order statuses to invoice', 'cuadra' ) }</legend>
						{ WOO_STATUSES.map( ( status ) => (
							<CheckboxControl
								__nextHasNoMarginBottom
								key={ status }
								label={ wooStatusLabel( status ) }
								checked={ form.statuses.includes( status ) }
								onChange={ ( checked: boolean ) =>
									change( {
										statuses: checked
											? [ ...form.statuses, status ]
											: form.statuses.filter( ( other ) => other !== status ),
									} )
								}
							/>
						) ) }
						{ errorFor( 'invoice_statuses' ) }
					</fieldset>
					{ store && (
						<ConnectionTest
							storeId={ store.id }
							unsaved={ {
								url: form.url.trim() !== store.url ? form.url.trim() : undefined,
								consumer_key: form.consumerKey.trim() || undefined,
								consumer_secret: form.consumerSecret.trim() || undefined,
							} }
						/>
					) }
				</CardBody>
			</Card>

			{ store && (
				<Card className="cuadra-panel">
					<CardHeader>
						<h2 className="cuadra-panel__title">{ __( 'Webhooks', 'cuadra' ) }</h2>
					</CardHeader>
					<CardBody>
						<p>
							{ store.webhook_secret_set
								? __( 'A webhook secret is set.', 'cuadra' )
								: __( 'No webhook secret yet: orders arrive by the regular sync only.', 'cuadra' ) }
						</p>
						{ secret && (
							<p className="cuadra-store-secret">
								{ __( 'Paste this secret into the webhook in WooCommerce → Settings → Advanced → Webhooks. It is shown only once:', 'cuadra' ) }{ ' ' }
								<code>{ secret }</code>
							</p>
						) }
						<Button variant="secondary" onClick={ makeSecret } disabled={ busy }>
							{ __( 'New webhook secret', 'cuadra' ) }
						</Button>
					</CardBody>
				</Card>
			) }

			<Card className="cuadra-panel">
				<CardHeader>
					<h2 className="cuadra-panel__title">{ __( 'Mailbox of the "New order" e-mails', 'cuadra' ) }</h2>
				</CardHeader>
				<CardBody>
					<CheckboxControl
						__nextHasNoMarginBottom
						label={ __( 'Also read the "New order" e-mails from a mailbox (when the store\'s API cannot be reached)', 'cuadra' ) }
						checked={ form.useMailbox }
						onChange={ ( checked: boolean ) => change( { useMailbox: checked } ) }
					/>
					{ form.useMailbox && (
						<div className="cuadra-field-grid">
							<TextControl
								__nextHasNoMarginBottom
								label={ __( 'IMAP server', 'cuadra' ) }
								value={ form.imapHost }
								onChange={ ( value: string ) => change( { imapHost: value } ) }
								help={ errorFor( 'imap.host' ) }
							/>
							<TextControl
								__nextHasNoMarginBottom
								label={ __( 'Port', 'cuadra' ) }
								type="number"
								value={ form.imapPort }
								placeholder={ form.imapTls ? '993' : '143' }
								onChange={ ( value: string ) => change( { imapPort: value } ) }
								help={ errorFor( 'imap.port' ) }
							/>
							<CheckboxControl
								__nextHasNoMarginBottom
								label={ __( 'Use TLS', 'cuadra' ) }
								checked={ form.imapTls }
								onChange={ ( checked: boolean ) => change( { imapTls: checked } ) }
							/>
							<TextControl
								__nextHasNoMarginBottom
								label={ __( 'User', 'cuadra' ) }
								autoComplete="off"
								value={ form.imapUser }
								onChange={ ( value: string ) => change( { imapUser: value } ) }
								help={ errorFor( 'imap.user' ) }
							/>
							<TextControl
								__nextHasNoMarginBottom
								label={ __( 'Password', 'cuadra' ) }
								type="password"
								autoComplete="new-password"
								value={ form.imapPassword }
								placeholder={ store?.imap?.password_set ? __( 'set', 'cuadra' ) : '' }
								onChange={ ( value: string ) => change( { imapPassword: value } ) }
								help={ errorFor( 'imap.password' ) ?? storedHelp( store?.imap?.password_set ) }
							/>
							<TextControl
								__nextHasNoMarginBottom
								label={ __( 'Folder', 'cuadra' ) }
								value={ form.imapFolder }
								onChange={ ( value: string ) => change( { imapFolder: value } ) }
								help={ errorFor( 'imap.folder' ) }
							/>
						</div>
					) }
				</CardBody>
			</Card>

			<p>
				<Button variant="primary" type="submit" isBusy={ busy } disabled={ busy }>
					{ store ? __( 'Save store', 'cuadra' ) : __( 'Add store', 'cuadra' ) }
				</Button>
			</p>
		</form>
	);
}

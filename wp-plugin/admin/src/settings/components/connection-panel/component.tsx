import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import {
	checkConnection,
	fetchConnection,
	saveConnection,
} from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import type { ConnectionSettings } from '../../../api/types';

interface PanelNotice {
	status: 'success' | 'error' | 'warning' | 'info';
	message: string;
}

/**
 * What the empty secret field says: the secret itself is never sent to the browser.
 *
 * @param settings The connection as WordPress has it.
 */
function secretPlaceholder( settings: ConnectionSettings ): string {
	if ( settings.from_constants ) {
		return __( 'Set in wp-config.php', 'cuadra' );
	}
	return settings.secret_set
		? __( 'A secret is stored. Leave empty to keep it.', 'cuadra' )
		: __( 'The secret the service was started with', 'cuadra' );
}

interface ConnectionPanelProps {
	/** Called when "Check connection" reaches the service, so other panels can load again. */
	onConnected?: () => void;
}

/** Service URL and shared secret, with "Save connection" and "Check connection". */
export function ConnectionPanel( { onConnected }: ConnectionPanelProps ) {
	const [ settings, setSettings ] = useState< ConnectionSettings | null >(
		null
	);
	const [ serviceUrl, setServiceUrl ] = useState( '' );
	const [ secret, setSecret ] = useState( '' );
	const [ busy, setBusy ] = useState< 'saving' | 'checking' | null >( null );
	const [ notice, setNotice ] = useState< PanelNotice | null >( null );

	useEffect( () => {
		fetchConnection()
			.then( ( loaded ) => {
				setSettings( loaded );
				setServiceUrl( loaded.service_url );
			} )
			.catch( ( error: unknown ) => {
				setSettings( {
					service_url: '',
					secret_set: false,
					from_constants: false,
				} );
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} );
			} );
	}, [] );

	const onSave = () => {
		setBusy( 'saving' );
		setNotice( null );
		saveConnection( { service_url: serviceUrl, secret } )
			.then( ( saved ) => {
				setSettings( saved );
				setServiceUrl( saved.service_url );
				setSecret( '' );
				setNotice( {
					status: 'success',
					message: __(
						'Connection settings saved. Use "Check connection" to test them.',
						'cuadra'
					),
				} );
			} )
			.catch( ( error: unknown ) =>
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} )
			)
			.finally( () => setBusy( null ) );
	};

	const onCheck = () => {
		setBusy( 'checking' );
		setNotice( null );
		checkConnection()
			.then( ( result ) => {
				if ( result.ok ) {
					onConnected?.();
				}
				setNotice( {
					status: result.ok ? 'success' : 'error',
					message: result.message,
				} );
			} )
			.catch( ( error: unknown ) =>
				setNotice( {
					status: 'error',
					message: describeRequestProblem( error ).message,
				} )
			)
			.finally( () => setBusy( null ) );
	};

	const readOnly = settings?.from_constants ?? false;

	return (
		<Card className="cuadra-panel cuadra-connection-panel">
			<CardHeader>
				<h2 className="cuadra-panel__title">
					{ __( 'Connection', 'cuadra' ) }
				</h2>
			</CardHeader>
			<CardBody>
				{ settings === null ? (
					<Spinner />
				) : (
					<form
						onSubmit={ ( event ) => {
							event.preventDefault();
							if ( ! readOnly ) {
								onSave();
							}
						} }
					>
						<p className="cuadra-panel__intro">
							{ __(
								'WordPress talks to the Cuadra service with signed requests. Enter the address of the service and the secret it was started with.',
								'cuadra'
							) }
						</p>
						{ readOnly && (
							<p className="cuadra-read-only-note">
								{ __( 'Set in wp-config.php', 'cuadra' ) }
							</p>
						) }
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Service URL', 'cuadra' ) }
							type="url"
							value={ serviceUrl }
							onChange={ setServiceUrl }
							placeholder="http://127.0.0.1:3000"
							disabled={ readOnly }
							readOnly={ readOnly }
							autoComplete="off"
							spellCheck={ false }
						/>
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Shared secret', 'cuadra' ) }
							type="password"
							value={ secret }
							onChange={ setSecret }
							placeholder={ secretPlaceholder( settings ) }
							help={
								readOnly
									? undefined
									: __(
										'The stored secret is never shown. Type a new one only to replace it.',
										'cuadra'
									)
							}
							disabled={ readOnly }
							readOnly={ readOnly }
							autoComplete="new-password"
						/>
						<div className="cuadra-panel__actions">
							<Button
								variant="primary"
								type="submit"
								disabled={ readOnly || busy !== null }
								isBusy={ busy === 'saving' }
							>
								{ __( 'Save connection', 'cuadra' ) }
							</Button>
							<Button
								variant="secondary"
								onClick={ onCheck }
								disabled={ busy !== null }
								isBusy={ busy === 'checking' }
							>
								{ __( 'Check connection', 'cuadra' ) }
							</Button>
						</div>
					</form>
				) }
				{ notice && (
					<Notice
						className="cuadra-connection-notice"
						status={ notice.status }
						onRemove={ () => setNotice( null ) }
					>
						{ notice.message }
					</Notice>
				) }
			</CardBody>
		</Card>
	);
}

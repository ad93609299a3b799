import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, Fragment, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { cancelSync, listStores, startSync } from '../../../api/orders-api';
import type { Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { AdminLink } from '../../../shared/components/admin-link';
import { formatDateTime } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { durationLabel, syncStateLabel } from '../../order-labels';
import { ConnectionTest } from '../connection-test';
import { SameSiteStoreOffer } from '../same-site-store';
import { MailRejects } from '../mail-rejects';

const POLL_MS = 2000;
/** A webhook delivery within this time counts as "active". */
const WEBHOOK_RECENT_MS = 7 * 24 * 3600 * 1000;

interface StoresScreenProps {
	/** Called after every load, so the orders list knows the stores' names. */
	onStores?: ( stores: Store[] ) => void;
}

function isRunning( store: Store ): boolean {
	return store.sync.state === 'running' || store.sync.state === 'queued';
}

function SyncProgress( { store }: { store: Store } ) {
	const { sync } = store;
	const numbers = new Intl.NumberFormat( document.documentElement.lang || 'en' );
	const percent = sync.total ? Math.min( 100, Math.round( ( sync.done / sync.total ) * 100 ) ) : null;
	return (
		<div className={ `cuadra-sync cuadra-sync--${ sync.state }` }>
			<strong className="cuadra-sync__state">{ syncStateLabel( sync.state ) }</strong>
			{ ( isRunning( store ) || sync.done > 0 ) && (
				<span className="cuadra-sync__counts">
					{ sync.total !== null
						? sprintf(
							/* translators: 1: orders done, 2: orders in all */
							__( '%1$s of %2$s orders', 'cuadra' ),
							numbers.format( sync.done ),
							numbers.format( sync.total )
						)
						: sprintf(
							/* translators: %s: orders done */
							__( '%s orders', 'cuadra' ),
							numbers.format( sync.done )
						) }
				</span>
			) }
			{ isRunning( store ) && percent !== null && (
				<progress className="cuadra-sync__bar" max={ 100 } value={ percent }>
					{ percent } %
				</progress>
			) }
			{ isRunning( store ) && sync.rate_per_minute !== null && (
				<span className="cuadra-sync__rate">
					{ sprintf(
						/* translators: %s: orders per minute */
						__( '%s orders/min', 'cuadra' ),
						numbers.format( Math.round( sync.rate_per_minute ) )
					) }
				</span>
			) }
			{ isRunning( store ) && sync.seconds_left !== null && (
				<span className="cuadra-sync__left">
					{ sprintf(
						/* translators: %s: time left, such as "3 min" */
						__( '%s left', 'cuadra' ),
						durationLabel( sync.seconds_left )
					) }
				</span>
			) }
			{ ! isRunning( store ) && sync.finished_at && (
				<span className="cuadra-muted cuadra-sync__finished">
					{ sprintf(
						/* translators: %s: date and time */
						__( 'Last sync: %s', 'cuadra' ),
						formatDateTime( sync.finished_at )
					) }
				</span>
			) }
		</div>
	);
}

function WebhookStatus( { store }: { store: Store } ) {
	const last = store.webhook.last_received_at;
	const recent = last !== null && Date.now() - new Date( last ).getTime() < WEBHOOK_RECENT_MS;
	if ( store.webhook.active || recent ) {
		return (
			<span className="cuadra-status-badge cuadra-status-badge--paid cuadra-webhook-status">
				{ __( 'Active', 'cuadra' ) }
				{ last && (
					<span className="screen-reader-text">
						{ ' ' }
						{ formatDateTime( last ) }
					</span>
				) }
			</span>
		);
	}
	return (
		<span className="cuadra-muted cuadra-webhook-status">
			{ last
				? sprintf(
					/* translators: %s: date and time */
					__( 'Last received %s', 'cuadra' ),
					formatDateTime( last )
				)
				: __( 'Nothing received yet', 'cuadra' ) }
		</span>
	);
}

/** Cuadra → Orders → Stores: each store's sync progress and webhook, and the actions on them. */
export function StoresScreen( { onStores }: StoresScreenProps ) {
	const [ flash ] = useState( takeFlash );
	const [ stores, setStores ] = useState< Store[] | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState< number | null >( null );
	const [ fromDates, setFromDates ] = useState< Record< number, string > >( {} );
	const [ reload, setReload ] = useState( 0 );

	useEffect( () => {
		let current = true;
		listStores()
			.then( ( loaded ) => {
				if ( current ) {
					setStores( loaded.items );
					onStores?.( loaded.items );
				}
			} )
			.catch( ( problem: unknown ) => current && setError( describeRequestProblem( problem ).message ) );
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- reloads on demand only
	}, [ reload ] );

	const running = ( stores ?? [] ).some( isRunning );
	useEffect( () => {
		if ( ! running ) {
			return undefined;
		}
		const timer = setTimeout( () => setReload( ( count ) => count + 1 ), POLL_MS );
		return () => clearTimeout( timer );
	}, [ running, stores ] );

	const act = ( store: Store, action: () => Promise< Store > ) => {
		setBusy( store.id );
		setError( null );
		action()
			.then( ( updated ) =>
				setStores( ( current ) =>
					( current ?? [] ).map( ( other ) => ( other.id === updated.id ? updated : other ) )
				)
			)
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( null ) );
	};

	return (
		<div className="cuadra-stores">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Stores', 'cuadra' ) }</h1>
				<AdminLink to={ { view: 'stores', store: 'new' } } className="page-title-action">
					{ __( 'Add store', 'cuadra' ) }
				</AdminLink>
			</div>
			<p className="cuadra-back-link">
				<AdminLink to={ {} }>{ __( '← Back to orders', 'cuadra' ) }</AdminLink>
			</p>
			<hr className="wp-header-end" />
			<SameSiteStoreOffer stores={ stores } onConnected={ () => setReload( ( count ) => count + 1 ) } />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }
			{ error && (
				<Notice status="error" isDismissible={ false } className="cuadra-stores-notice">
					{ error }
				</Notice>
			) }
			{ stores === null && ! error && <Spinner /> }
			{ stores !== null && stores.length === 0 && (
				<p>{ __( 'No stores yet. Add your WooCommerce store to bring its orders into Cuadra.', 'cuadra' ) }</p>
			) }
			{ ( stores ?? [] ).map( ( store ) => (
				<section key={ store.id } className="cuadra-panel cuadra-store-card" data-store-id={ store.id }>
					<h2 className="cuadra-store-card__title">
						<AdminLink to={ { view: 'stores', store: store.id } }>{ store.name }</AdminLink>{ ' ' }
						<span className="cuadra-muted">{ store.url }</span>
					</h2>
					{ store.kind === 'same_site' ? (
						<p className="cuadra-store-card__same-site">
							{ __(
								'WooCommerce on this site sends every new or changed order to Cuadra; there is nothing to sync or test.',
								'cuadra'
							) }{ ' ' }
							{ store.push.last_received_at
								? sprintf(
									/* translators: %s: date and time */
									__( 'Last order received: %s.', 'cuadra' ),
									formatDateTime( store.push.last_received_at )
								)
								: __( 'No order received yet.', 'cuadra' ) }
						</p>
					) : (
						<SyncedStoreCard
							store={ store }
							busy={ busy === store.id }
							fromDate={ fromDates[ store.id ] ?? '' }
							onFromDate={ ( value ) => setFromDates( { ...fromDates, [ store.id ]: value } ) }
							act={ ( action ) => act( store, action ) }
						/>
					) }
					<MailRejects store={ store } />
				</section>
			) ) }
		</div>
	);
}

/**
 * Facts and actions of a store read over its REST API: sync progress, webhook, last problem, sync
 * and import, connection test.
 *
 * @param props            Component props.
 * @param props.store      The store.
 * @param props.busy       Whether an action on it is under way.
 * @param props.fromDate   The "import from" date typed so far.
 * @param props.onFromDate Keeps the typed date.
 * @param props.act        Runs an action, then reloads.
 */
function SyncedStoreCard( {
	store,
	busy,
	fromDate,
	onFromDate,
	act,
}: {
	store: Store;
	busy: boolean;
	fromDate: string;
	onFromDate: ( value: string ) => void;
	act: ( action: () => Promise< Store > ) => void;
} ) {
	return (
		<>
			<dl className="cuadra-store-card__facts">
				<div>
					<dt>{ __( 'Sync', 'cuadra' ) }</dt>
					<dd>
						<SyncProgress store={ store } />
					</dd>
				</div>
				<div>
					<dt>{ __( 'Webhook', 'cuadra' ) }</dt>
					<dd>
						<WebhookStatus store={ store } />
					</dd>
				</div>
				{ store.last_error && (
					<div>
						<dt>{ __( 'Last problem', 'cuadra' ) }</dt>
						<dd className="cuadra-store-card__error">
							{ store.last_error.message } ({ formatDateTime( store.last_error.at ) })
						</dd>
					</div>
				) }
			</dl>
			<div className="cuadra-store-card__actions">
				{ isRunning( store ) ? (
					<Button
						variant="secondary"
						isDestructive
						onClick={ () => act( () => cancelSync( store.id ) ) }
						disabled={ busy || store.sync.cancel_requested }
					>
						{ __( 'Cancel', 'cuadra' ) }
					</Button>
				) : (
					<Button
						variant="primary"
						onClick={ () => act( () => startSync( store.id ) ) }
						disabled={ busy }
					>
						{ __( 'Sync now', 'cuadra' ) }
					</Button>
				) }
				{ ! isRunning( store ) && (
					<span className="cuadra-store-card__from">
						<label htmlFor={ `cuadra-store-from-${ store.id }` }>
							{ __( 'Import orders created from', 'cuadra' ) }
						</label>{ ' ' }
						<input
							id={ `cuadra-store-from-${ store.id }` }
							type="date"
							value={ fromDate }
							onChange={ ( event ) => onFromDate( event.target.value ) }
						/>{ ' ' }
						<Button
							variant="secondary"
							onClick={ () =>
								act( () => startSync( store.id, { from: fromDate } ) )
							}
							disabled={ busy || ! fromDate }
						>
							{ __( 'Import from date', 'cuadra' ) }
						</Button>
					</span>
				) }
				<ConnectionTest storeId={ store.id } />
			</div>
		</>
	);
}

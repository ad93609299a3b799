import { Button, Notice } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import type { Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { formatDateTime } from '../../../shared/dates';
import { connectSameSiteStore, fetchSameSiteState, pushAllOrdersAgain, type SameSiteState } from './same-site-api';
import './same-site-store.scss';

/** While orders wait to be pushed, the state is asked again this often. */
const POLL_MS = 3000;

/** The service's view of a store, with what same-site stores add. */
type StoreWithKind = Store & { kind?: string; push?: { last_received_at: string | null } };

interface SameSiteStoreOfferProps {
	/** The stores as the service lists them (null while loading). */
	stores: Store[] | null;
	/** Called after connecting, so the stores are listed again. */
	onConnected: () => void;
}

function ordersShell(): DOMStringMap {
	return document.getElementById( 'cuadra-orders-root' )?.dataset ?? {};
}

/**
 * When WooCommerce runs on this WordPress, offers it as a store with one click (no URL or keys);
 * once connected, shows when WordPress last pushed orders and what still waits.
 */
export function SameSiteStoreOffer( { stores, onConnected }: SameSiteStoreOfferProps ) {
	const shell = ordersShell();
	const woocommerceActive = shell.woocommerceActive === '1';
	const canManage = shell.canManage === '1';
	const [ state, setState ] = useState< SameSiteState | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ tick, setTick ] = useState( 0 );

	useEffect( () => {
		if ( ! woocommerceActive ) {
			return undefined;
		}
		let current = true;
		fetchSameSiteState()
			.then( ( loaded ) => current && setState( loaded ) )
			.catch( ( problem: unknown ) => current && setError( describeRequestProblem( problem ).message ) );
		return () => {
			current = false;
		};
	}, [ woocommerceActive, tick ] );

	const waiting = state !== null && ( state.queue.queued > 0 || state.backfill.state === 'running' );
	useEffect( () => {
		if ( ! waiting ) {
			return undefined;
		}
		const timer = setTimeout( () => setTick( ( count ) => count + 1 ), POLL_MS );
		return () => clearTimeout( timer );
	}, [ waiting, state ] );

	if ( ! woocommerceActive ) {
		return null;
	}

	const run = ( action: () => Promise< SameSiteState >, after?: () => void ) => {
		setBusy( true );
		setError( null );
		action()
			.then( ( updated ) => {
				setState( updated );
				after?.();
			} )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( false ) );
	};

	const store = ( stores ?? [] ).find( ( candidate ) => candidate.id === state?.store_id ) as
		| StoreWithKind
		| undefined;
	const lastPush = store?.push?.last_received_at ?? state?.last_push_at ?? null;

	return (
		<section className="cuadra-panel cuadra-same-site-store">
			<h2>{ __( "This site's WooCommerce", 'cuadra' ) }</h2>
			{ error && (
				<Notice status="error" isDismissible={ false } className="cuadra-same-site-store__error">
					{ error }
				</Notice>
			) }
			{ state !== null && state.store_id === null && (
				<div className="cuadra-same-site-store__offer">
					<p>
						{ __(
							'WooCommerce runs on this WordPress. Connect it and WordPress sends its orders to Cuadra whenever they change: no URL or API keys needed.',
							'cuadra'
						) }
					</p>
					{ canManage ? (
						<Button
							variant="primary"
							isBusy={ busy }
							disabled={ busy }
							onClick={ () => run( connectSameSiteStore, onConnected ) }
						>
							{ __( "Connect this site's WooCommerce", 'cuadra' ) }
						</Button>
					) : (
						<p className="cuadra-muted">
							{ __( 'Ask an administrator to connect it.', 'cuadra' ) }
						</p>
					) }
				</div>
			) }
			{ state !== null && state.store_id !== null && (
				<div className="cuadra-same-site-store__connected" data-store-id={ state.store_id }>
					<p>
						{ __( 'Connected: WordPress pushes the orders of this site to Cuadra when they change.', 'cuadra' ) }
					</p>
					<p className="cuadra-same-site-store__last-push">
						{ lastPush
							? sprintf(
								/* translators: %s: date and time */
								__( 'Last push: %s', 'cuadra' ),
								formatDateTime( lastPush )
							)
							: __( 'No orders pushed yet.', 'cuadra' ) }
					</p>
					{ state.queue.queued > 0 && (
						<p className="cuadra-same-site-store__queued">
							{ sprintf(
								/* translators: %s: number of orders */
								_n(
									'%s order waiting to be pushed.',
									'%s orders waiting to be pushed.',
									state.queue.queued,
									'cuadra'
								),
								state.queue.queued.toLocaleString()
							) }
						</p>
					) }
					{ state.queue.failed > 0 && (
						<Notice status="warning" isDismissible={ false } className="cuadra-same-site-store__failed">
							{ sprintf(
								/* translators: 1: number of orders, 2: the service's reason */
								_n(
									'Cuadra could not read %1$s order: %2$s',
									'Cuadra could not read %1$s orders. The last reason: %2$s',
									state.queue.failed,
									'cuadra'
								),
								state.queue.failed.toLocaleString(),
								state.queue.last_error ?? ''
							) }
						</Notice>
					) }
					{ state.backfill.state === 'running' && (
						<p className="cuadra-same-site-store__backfill">
							{ sprintf(
								/* translators: %s: number of orders */
								__( 'Sending the existing orders: %s queued so far.', 'cuadra' ),
								state.backfill.queued.toLocaleString()
							) }
						</p>
					) }
					{ canManage && state.backfill.state !== 'running' && (
						<Button
							variant="secondary"
							isBusy={ busy }
							disabled={ busy }
							onClick={ () => run( pushAllOrdersAgain ) }
						>
							{ __( 'Push all orders again', 'cuadra' ) }
						</Button>
					) }
				</div>
			) }
		</section>
	);
}

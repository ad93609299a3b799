import { Button, Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { fetchOrder, setOrderIgnored } from '../../../api/orders-api';
import type { OrderDetail, Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { pageUrl } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { InvoiceFromOrder } from '../invoice-from-order';
import { OrderRefunds } from '../order-refunds';
import { OrderSummary } from '../order-summary';

interface OrderScreenProps {
	orderId: number;
	stores: Store[];
	invoicesUrl: string;
}

/** One shop order: what was bought, by whom, and "Print", "Create invoice", "Ignore". */
export function OrderScreen( { orderId, stores, invoicesUrl }: OrderScreenProps ) {
	const [ detail, setDetail ] = useState< OrderDetail | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );

	useEffect( () => {
		let current = true;
		setDetail( null );
		setError( null );
		fetchOrder( orderId )
			.then( ( loaded ) => current && setDetail( loaded ) )
			.catch( ( problem: unknown ) => current && setError( describeRequestProblem( problem ).message ) );
		return () => {
			current = false;
		};
	}, [ orderId ] );

	const toggleIgnored = () => {
		if ( ! detail ) {
			return;
		}
		setBusy( true );
		setError( null );
		setOrderIgnored( detail.id, ! detail.ignored )
			.then( setDetail )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( false ) );
	};

	const back = (
		<p className="cuadra-back-link cuadra-no-print">
			<AdminLink to={ {} }>{ __( '← Back to orders', 'cuadra' ) }</AdminLink>
		</p>
	);

	if ( ! detail ) {
		return (
			<div className="cuadra-order-screen">
				<h1>{ __( 'Shop order', 'cuadra' ) }</h1>
				{ error ? (
					<Notice status="error" isDismissible={ false }>
						{ error }
					</Notice>
				) : (
					<div className="cuadra-screen-loading">
						<Spinner />
					</div>
				) }
				{ back }
			</div>
		);
	}

	const storeName = stores.find( ( store ) => store.id === detail.store_id )?.name;
	const invoiceLink = ( id: number ) => pageUrl( invoicesUrl, { invoice: id } );

	return (
		<div className="cuadra-order-screen">
			<div className="cuadra-editor-bar">
				<div className="cuadra-editor-bar__title">
					<h1 className="wp-heading-inline">
						{ sprintf(
							/* translators: %s: order number in the shop */
							__( 'Order %s', 'cuadra' ),
							detail.number
						) }
					</h1>
				</div>
				<div className="cuadra-editor-bar__actions cuadra-no-print">
					<Button variant="secondary" onClick={ () => window.print() }>
						{ __( 'Print', 'cuadra' ) }
					</Button>
					{ detail.invoice_id === null && (
						<Button variant="tertiary" onClick={ toggleIgnored } isBusy={ busy } disabled={ busy }>
							{ detail.ignored ? __( 'Unignore', 'cuadra' ) : __( 'Ignore', 'cuadra' ) }
						</Button>
					) }
				</div>
			</div>
			{ back }
			<hr className="wp-header-end" />
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }

			<div className="cuadra-order-print">
				<OrderSummary detail={ detail } storeName={ storeName } />
			</div>

			<div className="cuadra-order-invoice cuadra-no-print">
				{ detail.invoice_id !== null ? (
					<p>
						<a href={ invoiceLink( detail.invoice_id ) } className="button">
							{ __( 'Open its invoice', 'cuadra' ) }
						</a>
					</p>
				) : (
					! detail.ignored && (
						<InvoiceFromOrder
							orderId={ detail.id }
							label={ __( 'Create invoice', 'cuadra' ) }
							onCreated={ ( result ) => window.location.assign( invoiceLink( result.invoice.id ) ) }
						/>
					)
				) }
			</div>

			<OrderRefunds detail={ detail } invoiceLink={ invoiceLink } />
		</div>
	);
}

import { Button, Card, CardBody, CardHeader, Notice, SelectControl, TextControl } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { findOrderByNumber, listStores } from '../../../api/orders-api';
import type { OrderDetail, OrderInvoiceDraft, Store } from '../../../api/orders-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { InvoiceFromOrder } from '../../../orders/components/invoice-from-order';
import { OrderSummary } from '../../../orders/components/order-summary';

interface WooImportPanelProps {
	/** The draft made from the order: the editor opens it. */
	onCreated: ( result: OrderInvoiceDraft ) => void;
}

/**
 * "Import from WooCommerce" in a new invoice: choose the store, type the order number shown in the shop,
 * check the order, and create the draft from it (with the decisions the order needs).
 */
export function WooImportPanel( { onCreated }: WooImportPanelProps ) {
	const [ stores, setStores ] = useState< Store[] | null >( null );
	const [ open, setOpen ] = useState( false );
	const [ storeId, setStoreId ] = useState( '' );
	const [ number, setNumber ] = useState( '' );
	const [ found, setFound ] = useState< OrderDetail | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );

	useEffect( () => {
		let current = true;
		listStores()
			.then( ( loaded ) => {
				if ( current ) {
					setStores( loaded.items );
					setStoreId( ( chosen ) => chosen || String( loaded.items[ 0 ]?.id ?? '' ) );
				}
			} )
			.catch( () => current && setStores( [] ) );
		return () => {
			current = false;
		};
	}, [] );

	if ( ! stores || stores.length === 0 ) {
		return null; // No store connected: nothing to import from.
	}

	const look = () => {
		if ( storeId === '' || number.trim() === '' ) {
			return;
		}
		setBusy( true );
		setError( null );
		setFound( null );
		findOrderByNumber( Number( storeId ), number.trim().replace( /^#/, '' ) )
			.then( setFound )
			.catch( ( problem: unknown ) => setError( describeRequestProblem( problem ).message ) )
			.finally( () => setBusy( false ) );
	};

	return (
		<Card className="cuadra-panel cuadra-woo-import">
			<CardHeader>
				<h2 className="cuadra-panel__title">{ __( 'Import from WooCommerce', 'cuadra' ) }</h2>
				{ ! open && (
					<Button variant="secondary" onClick={ () => setOpen( true ) }>
						{ __( 'Import an order', 'cuadra' ) }
					</Button>
				) }
			</CardHeader>
			{ open && (
				<CardBody>
					{ /* A div, not a form: the editor around it is a form already. */ }
					<div className="cuadra-woo-import__form">
						<SelectControl
							__nextHasNoMarginBottom
							label={ __( 'Store', 'cuadra' ) }
							value={ storeId }
							options={ stores.map( ( store ) => ( { value: String( store.id ), label: store.name } ) ) }
							onChange={ ( value: string ) => {
								setStoreId( value );
								setFound( null );
							} }
						/>
						<TextControl
							__nextHasNoMarginBottom
							label={ __( 'Order number', 'cuadra' ) }
							help={ __( 'The number the shop shows, such as 1234.', 'cuadra' ) }
							value={ number }
							onChange={ ( value: string ) => {
								setNumber( value );
								setFound( null );
							} }
							onKeyDown={ ( event: { key: string; preventDefault: () => void } ) => {
								if ( event.key === 'Enter' ) {
									event.preventDefault(); // Enter would save the invoice editor's form.
									look();
								}
							} }
						/>
						<Button
							variant="secondary"
							onClick={ look }
							isBusy={ busy }
							disabled={ busy || number.trim() === '' }
						>
							{ __( 'Find order', 'cuadra' ) }
						</Button>
					</div>
					{ error && (
						<Notice status="error" isDismissible={ false } className="cuadra-woo-import__error">
							{ error }
						</Notice>
					) }
					{ found && (
						<div className="cuadra-woo-import__order">
							<OrderSummary detail={ found } compact />
							{ found.invoice_id !== null ? (
								<Notice status="warning" isDismissible={ false }>
									{ __( 'This order has already been invoiced.', 'cuadra' ) }
								</Notice>
							) : (
								<InvoiceFromOrder
									key={ found.id }
									orderId={ found.id }
									label={ __( 'Create the invoice from this order', 'cuadra' ) }
									onCreated={ onCreated }
								/>
							) }
						</div>
					) }
				</CardBody>
			) }
		</Card>
	);
}

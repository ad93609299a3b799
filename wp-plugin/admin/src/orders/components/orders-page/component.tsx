import { Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';

import { listStores } from '../../../api/orders-api';
import type { Store } from '../../../api/orders-types';
import { useScreenQuery } from '../../../shared/admin-location';
import { OrderList } from '../order-list';
import { OrderScreen } from '../order-screen';
import { StoreEditor } from '../store-editor';
import { StoresScreen } from '../stores-screen';
import '../../orders.scss';

interface OrdersPageProps {
	invoicesUrl: string;
	canManage: boolean;
}

function idFrom( value: string | null ): number | null {
	const id = Number( value );
	return Number.isInteger( id ) && id > 0 ? id : null;
}

/**
 * Cuadra → Orders: pending orders, one order (?order=ID, the link of the notifications), and for
 * managers the stores (?view=stores, ?view=stores&store=ID|new).
 */
export function OrdersPage( { invoicesUrl, canManage }: OrdersPageProps ) {
	const query = useScreenQuery();
	const [ stores, setStores ] = useState< Store[] | null >( null );
	const view = query.get( 'view' );
	const storeParam = query.get( 'store' );
	const orderId = idFrom( query.get( 'order' ) );

	useEffect( () => {
		let current = true;
		listStores()
			.then( ( loaded ) => current && setStores( loaded.items ) )
			.catch( () => current && setStores( [] ) );
		return () => {
			current = false;
		};
	}, [ view, storeParam ] );

	if ( view === 'stores' && canManage ) {
		if ( storeParam === 'new' ) {
			return <StoreEditor key="new" store={ null } />;
		}
		const storeId = idFrom( storeParam );
		if ( storeId !== null ) {
			const store = stores?.find( ( candidate ) => candidate.id === storeId );
			if ( ! store ) {
				return stores === null ? <Spinner /> : <StoresScreen onStores={ setStores } />;
			}
			return <StoreEditor key={ store.id } store={ store } />;
		}
		return <StoresScreen onStores={ setStores } />;
	}
	if ( stores === null ) {
		return (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		); // The stores' names come first: rows name their store.
	}
	if ( orderId !== null ) {
		return <OrderScreen orderId={ orderId } stores={ stores } invoicesUrl={ invoicesUrl } />;
	}
	return <OrderList query={ query } stores={ stores } canManage={ canManage } />;
}

import { Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchCustomer } from '../../../api/billing-api';
import type { Customer } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { customerForm, EMPTY_CUSTOMER_FORM, type CustomerForm } from '../../customer-form';
import { CustomerEditor } from '../customer-editor';

interface CustomerScreenProps {
	/** The customer in the URL; null for a new one. */
	customerId: number | null;
	invoicesUrl: string;
}

type Loaded =
	| { state: 'loading' }
	| { state: 'failed'; message: string }
	| { state: 'ready'; customer: Customer | null; form: CustomerForm; generation: number };

let generations = 0;

/** One customer in the editor; adding one moves the URL to its id without reloading the form. */
export function CustomerScreen( { customerId, invoicesUrl }: CustomerScreenProps ) {
	const [ loaded, setLoaded ] = useState< Loaded >( { state: 'loading' } );

	useEffect( () => {
		if ( loaded.state === 'ready' && loaded.customer && loaded.customer.id === customerId ) {
			return;
		}
		let current = true;
		generations += 1;
		const generation = generations;
		if ( customerId === null ) {
			setLoaded( { state: 'ready', customer: null, form: EMPTY_CUSTOMER_FORM, generation } );
			return;
		}
		setLoaded( { state: 'loading' } );
		fetchCustomer( customerId )
			.then( ( customer ) => {
				if ( current ) {
					setLoaded( { state: 'ready', customer, form: customerForm( customer ), generation } );
				}
			} )
			.catch( ( error: unknown ) => {
				if ( current ) {
					setLoaded( { state: 'failed', message: describeRequestProblem( error ).message } );
				}
			} );
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- driven by the URL only
	}, [ customerId ] );

	if ( loaded.state === 'loading' ) {
		return (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		);
	}
	if ( loaded.state === 'failed' ) {
		return (
			<div>
				<h1>{ __( 'Customer', 'cuadra' ) }</h1>
				<Notice status="error" isDismissible={ false }>
					{ loaded.message }
				</Notice>
				<p>
					<AdminLink to={ {} }>{ __( '← Back to customers', 'cuadra' ) }</AdminLink>
				</p>
			</div>
		);
	}

	return (
		<CustomerEditor
			key={ loaded.generation }
			customer={ loaded.customer }
			initialForm={ loaded.form }
			invoicesUrl={ invoicesUrl }
			onSaved={ ( saved ) => {
				setLoaded( ( current ) => ( current.state === 'ready' ? { ...current, customer: saved } : current ) );
				if ( saved.id !== customerId ) {
					navigate( { customer: saved.id }, { replace: true } );
				}
			} }
		/>
	);
}

import { Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchInvoice } from '../../../api/billing-api';
import type { Invoice } from '../../../api/billing-types';
import { describeRequestProblem } from '../../../api/request-problem';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { currencyExponent } from '../../../shared/money';
import {
	emptyInvoiceForm,
	formFromInvoice,
	rectifyingForm,
	type InvoiceForm,
} from '../../invoice-form';
import { InvoiceDetail } from '../invoice-detail';
import { InvoiceEditor } from '../invoice-editor';

interface InvoiceScreenProps {
	/** The invoice in the URL; null for a new one. */
	invoiceId: number | null;
	/** For a new rectifying invoice: the invoice it corrects. */
	rectifyId: number | null;
	customersUrl: string;
	settingsUrl: string;
	canManage: boolean;
}

type Loaded =
	| { state: 'loading' }
	| { state: 'failed'; message: string }
	| { state: 'ready'; invoice: Invoice | null; form: InvoiceForm; generation: number };

let generations = 0;

/**
 * One invoice: the editor while it is a draft (or new), the detail once issued. Saving a new draft
 * moves the URL to the draft's id without reloading the editor.
 */
export function InvoiceScreen( {
	invoiceId,
	rectifyId,
	customersUrl,
	settingsUrl,
	canManage,
}: InvoiceScreenProps ) {
	const [ loaded, setLoaded ] = useState< Loaded >( { state: 'loading' } );

	useEffect( () => {
		if ( loaded.state === 'ready' && loaded.invoice && loaded.invoice.id === invoiceId ) {
			return; // Already showing it: the editor just saved it.
		}
		let current = true;
		const ready = ( invoice: Invoice | null, form: InvoiceForm ) => {
			if ( current ) {
				generations += 1;
				setLoaded( { state: 'ready', invoice, form, generation: generations } );
			}
		};
		const failed = ( error: unknown ) => {
			if ( current ) {
				setLoaded( { state: 'failed', message: describeRequestProblem( error ).message } );
			}
		};
		setLoaded( { state: 'loading' } );
		if ( invoiceId !== null ) {
			fetchInvoice( invoiceId )
				.then( ( invoice ) => ready( invoice, formFromInvoice( invoice, currencyExponent( invoice.currency ) ) ) )
				.catch( failed );
		} else if ( rectifyId !== null ) {
			fetchInvoice( rectifyId )
				.then( ( original ) => ready( null, rectifyingForm( original, currencyExponent( original.currency ) ) ) )
				.catch( failed );
		} else {
			ready( null, emptyInvoiceForm( 'es' ) );
		}
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- driven by the URL only
	}, [ invoiceId, rectifyId ] );

	if ( loaded.state === 'loading' ) {
		return (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		);
	}
	if ( loaded.state === 'failed' ) {
		return (
			<div className="cuadra-invoice-screen">
				<h1>{ __( 'Invoice', 'cuadra' ) }</h1>
				<Notice status="error" isDismissible={ false }>
					{ loaded.message }
				</Notice>
				<p>
					<AdminLink to={ {} }>{ __( '← Back to invoices', 'cuadra' ) }</AdminLink>
				</p>
			</div>
		);
	}

	const show = ( invoice: Invoice ) =>
		setLoaded( ( current ) => ( current.state === 'ready' ? { ...current, invoice } : current ) );

	if ( loaded.invoice && loaded.invoice.status !== 'draft' ) {
		return <InvoiceDetail invoice={ loaded.invoice } onChange={ show } />;
	}

	return (
		<InvoiceEditor
			key={ loaded.generation }
			invoice={ loaded.invoice }
			initialForm={ loaded.form }
			customersUrl={ customersUrl }
			settingsUrl={ settingsUrl }
			canManage={ canManage }
			onSaved={ ( saved ) => {
				show( saved );
				if ( saved.id !== invoiceId ) {
					navigate( { invoice: saved.id }, { replace: true } );
				}
			} }
			onIssued={ show }
		/>
	);
}

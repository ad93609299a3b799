import { Notice, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { fetchCustomer } from '../../../api/billing-api';
import { fetchCompanySettings } from '../../../api/cuadra-api';
import { describeRequestProblem } from '../../../api/request-problem';
import { fetchTemplate } from '../../../api/recurring-api';
import type { Template } from '../../../api/recurring-types';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { currencyExponent } from '../../../shared/money';
import {
	emptyTemplateForm,
	formFromTemplate,
	todayIn,
	type TemplateForm,
} from '../../recurring-form';
import { RecurringEditor } from '../recurring-editor';

interface RecurringScreenProps {
	/** The template in the URL; null for a new one. */
	templateId: number | null;
	/** For a new template: the customer to start with (?customer=ID). */
	customerId: number | null;
	invoicesUrl: string;
	customersUrl: string;
}

type Loaded =
	| { state: 'loading' }
	| { state: 'failed'; message: string }
	| { state: 'ready'; template: Template | null; form: TemplateForm; generation: number };

let generations = 0;

/** One recurring template: loaded by id, or a new one starting today in the company's time zone. */
export function RecurringScreen( { templateId, customerId, invoicesUrl, customersUrl }: RecurringScreenProps ) {
	const [ loaded, setLoaded ] = useState< Loaded >( { state: 'loading' } );

	useEffect( () => {
		if ( loaded.state === 'ready' && loaded.template && loaded.template.id === templateId ) {
			return; // Already showing it: the editor just saved it.
		}
		let current = true;
		const ready = ( template: Template | null, form: TemplateForm ) => {
			if ( current ) {
				generations += 1;
				setLoaded( { state: 'ready', template, form, generation: generations } );
			}
		};
		setLoaded( { state: 'loading' } );
		if ( templateId !== null ) {
			fetchTemplate( templateId )
				.then( ( template ) => ready( template, formFromTemplate( template, currencyExponent( template.currency ) ) ) )
				.catch( ( error: unknown ) => {
					if ( current ) {
						setLoaded( { state: 'failed', message: describeRequestProblem( error ).message } );
					}
				} );
		} else {
			// "Today" is the company's, which may differ from the browser's near midnight.
			const timeZone = fetchCompanySettings()
				.then( ( company ) => company.timezone || undefined )
				.catch( () => undefined );
			const customer =
				customerId !== null
					? fetchCustomer( customerId )
						.then( ( found ) => ( { id: found.id, label: found.legal_name } ) )
						.catch( () => null )
					: Promise.resolve( null );
			Promise.all( [ timeZone, customer ] ).then( ( [ zone, chosen ] ) =>
				ready( null, { ...emptyTemplateForm( todayIn( zone ) ), customer: chosen } )
			);
		}
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- driven by the URL only
	}, [ templateId, customerId ] );

	if ( loaded.state === 'loading' ) {
		return (
			<div className="cuadra-screen-loading">
				<Spinner />
			</div>
		);
	}
	if ( loaded.state === 'failed' ) {
		return (
			<div className="cuadra-recurring-screen">
				<h1>{ __( 'Recurring invoice', 'cuadra' ) }</h1>
				<Notice status="error" isDismissible={ false }>
					{ loaded.message }
				</Notice>
				<p>
					<AdminLink to={ {} }>{ __( '← Back to recurring invoices', 'cuadra' ) }</AdminLink>
				</p>
			</div>
		);
	}

	return (
		<RecurringEditor
			key={ loaded.generation }
			template={ loaded.template }
			initialForm={ loaded.form }
			invoicesUrl={ invoicesUrl }
			customersUrl={ customersUrl }
			onSaved={ ( saved ) => {
				// Only GET /recurring-templates/:id carries the history; other answers keep the one shown.
				setLoaded( ( current ) =>
					current.state === 'ready'
						? { ...current, template: { ...saved, history: saved.history ?? current.template?.history } }
						: current
				);
				if ( saved.id !== templateId ) {
					navigate( { template: saved.id }, { replace: true } );
				}
			} }
		/>
	);
}

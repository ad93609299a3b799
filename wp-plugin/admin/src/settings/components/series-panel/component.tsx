import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	SelectControl,
	TextControl,
} from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	createInvoiceSeries,
	listInvoiceSeries,
	type InvoiceSeriesDefinition,
} from '../../../api/billing-api';
import { describeRequestProblem } from '../../../api/request-problem';
import { FieldError } from '../../../shared/components/field-error';

const EMPTY: InvoiceSeriesDefinition = {
	code: '',
	prefix: '',
	reset: 'yearly',
	padding: 4,
	kind: 'ordinary',
};

/**
 * What the first number of a series looks like, as the service will print it.
 *
 * @param series The series being defined.
 */
function example( series: InvoiceSeriesDefinition ): string {
	const year = new Date().getFullYear();
	const prefix = series.prefix
		.replace( '{YYYY}', String( year ) )
		.replace( '{YY}', String( year % 100 ).padStart( 2, '0' ) );
	return `${ prefix }${ '1'.padStart( Math.max( 1, series.padding ), '0' ) }`;
}

function kindLabel( kind: InvoiceSeriesDefinition[ 'kind' ] ): string {
	if ( kind === 'rectifying' ) {
		return __( 'Rectifying invoices', 'cuadra' );
	}
	if ( kind === 'simplified' ) {
		return __( 'Simplified invoices', 'cuadra' );
	}
	return __( 'Invoices', 'cuadra' );
}

/** Cuadra → Settings → Invoice series: the numbering series and a form to add one. */
export function SeriesPanel() {
	const [ series, setSeries ] = useState< InvoiceSeriesDefinition[] | null >( null );
	const [ draft, setDraft ] = useState< InvoiceSeriesDefinition >( EMPTY );
	const [ errors, setErrors ] = useState< Record< string, string > >( {} );
	const [ notice, setNotice ] = useState< { status: 'success' | 'error'; message: string } | null >( null );
	const [ saving, setSaving ] = useState( false );

	useEffect( () => {
		listInvoiceSeries()
			.then( ( answer ) => setSeries( answer.items ) )
			.catch( () => setSeries( [] ) );
	}, [] );

	const set = ( changes: Partial< InvoiceSeriesDefinition > ) =>
		setDraft( ( current ) => ( { ...current, ...changes } ) );

	const save = () => {
		setSaving( true );
		setNotice( null );
		setErrors( {} );
		createInvoiceSeries( draft )
			.then( ( created ) => {
				setSeries( ( current ) => [ ...( current ?? [] ), created ] );
				setDraft( EMPTY );
				setNotice( {
					status: 'success',
					message: sprintf(
						/* translators: %s: series code */
						__( 'Series %s added.', 'cuadra' ),
						created.code
					),
				} );
			} )
			.catch( ( error: unknown ) => {
				const problem = describeRequestProblem( error );
				setErrors( problem.fieldErrors );
				setNotice( { status: 'error', message: problem.message } );
			} )
			.finally( () => setSaving( false ) );
	};

	return (
		<Card className="cuadra-panel cuadra-series-panel">
			<CardHeader>
				<h2 className="cuadra-panel__title">{ __( 'Invoice series', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>
				<p className="cuadra-muted">
					{ __(
						'Numbers are correlative within each series, without gaps. Invoices use series F, simplified invoices S and rectifying invoices R unless another series is chosen. A series cannot be changed once created.',
						'cuadra'
					) }
				</p>
				{ series && series.length > 0 && (
					<table className="widefat striped cuadra-series-table">
						<thead>
							<tr>
								<th>{ __( 'Code', 'cuadra' ) }</th>
								<th>{ __( 'For', 'cuadra' ) }</th>
								<th>{ __( 'First number', 'cuadra' ) }</th>
								<th>{ __( 'Restarts', 'cuadra' ) }</th>
							</tr>
						</thead>
						<tbody>
							{ series.map( ( item ) => (
								<tr key={ item.code }>
									<td>{ item.code }</td>
									<td>{ kindLabel( item.kind ) }</td>
									<td>
										<code>{ example( item ) }</code>
									</td>
									<td>
										{ item.reset === 'yearly'
											? __( 'Every year', 'cuadra' )
											: __( 'Never', 'cuadra' ) }
									</td>
								</tr>
							) ) }
						</tbody>
					</table>
				) }
				{ notice && (
					<Notice status={ notice.status } onRemove={ () => setNotice( null ) }>
						{ notice.message }
					</Notice>
				) }
				<div className="cuadra-series-form">
					<TextControl
						label={ __( 'Code', 'cuadra' ) }
						value={ draft.code }
						onChange={ ( code ) => set( { code } ) }
						help={ errors.code ? <FieldError message={ errors.code } /> : undefined }
					/>
					<TextControl
						label={ __( 'Prefix', 'cuadra' ) }
						value={ draft.prefix }
						onChange={ ( prefix ) => set( { prefix } ) }
						help={
							errors.prefix ? (
								<FieldError message={ errors.prefix } />
							) : (
								__( '{YYYY} or {YY} stand for the year, e.g. WEB-{YYYY}-', 'cuadra' )
							)
						}
					/>
					<SelectControl
						label={ __( 'For', 'cuadra' ) }
						value={ draft.kind }
						options={ [
							{ value: 'ordinary', label: kindLabel( 'ordinary' ) },
							{ value: 'simplified', label: kindLabel( 'simplified' ) },
							{ value: 'rectifying', label: kindLabel( 'rectifying' ) },
						] }
						onChange={ ( kind ) => set( { kind: kind as InvoiceSeriesDefinition[ 'kind' ] } ) }
					/>
					<SelectControl
						label={ __( 'Restarts', 'cuadra' ) }
						value={ draft.reset }
						options={ [
							{ value: 'yearly', label: __( 'Every year', 'cuadra' ) },
							{ value: 'never', label: __( 'Never', 'cuadra' ) },
						] }
						onChange={ ( reset ) => set( { reset: reset as InvoiceSeriesDefinition[ 'reset' ] } ) }
						help={ errors.reset ? <FieldError message={ errors.reset } /> : undefined }
					/>
					<TextControl
						label={ __( 'Digits', 'cuadra' ) }
						type="number"
						min={ 1 }
						max={ 12 }
						value={ String( draft.padding ) }
						onChange={ ( padding ) => set( { padding: Number( padding ) || 1 } ) }
						help={ errors.padding ? <FieldError message={ errors.padding } /> : undefined }
					/>
				</div>
				<p className="cuadra-muted">
					{ sprintf(
						/* translators: %s: example invoice number */
						__( 'The first number will be %s.', 'cuadra' ),
						example( draft )
					) }
				</p>
				<Button variant="secondary" onClick={ save } isBusy={ saving } disabled={ saving }>
					{ __( 'Add series', 'cuadra' ) }
				</Button>
			</CardBody>
		</Card>
	);
}

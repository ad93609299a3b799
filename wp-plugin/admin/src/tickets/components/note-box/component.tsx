import { Button, Card, CardBody, CardHeader, Notice, TextareaControl } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { addNote } from '../../../api/tickets-api';
import { FieldError } from '../../../shared/components/field-error';

interface NoteBoxProps {
	ticketId: number;
	onAdded: ( message: string ) => void;
}

/** An internal note: stored on the thread for the team, never e-mailed. */
export function NoteBox( { ticketId, onAdded }: NoteBoxProps ) {
	const [ body, setBody ] = useState( '' );
	const [ error, setError ] = useState< string | null >( null );
	const [ problem, setProblem ] = useState< string | null >( null );
	const [ saving, setSaving ] = useState( false );

	const onSave = () => {
		if ( body.trim() === '' ) {
			setError( __( 'Write the note before adding it.', 'cuadra' ) );
			return;
		}
		setSaving( true );
		setProblem( null );
		addNote( ticketId, body )
			.then( () => {
				setBody( '' );
				setError( null );
				onAdded( __( 'Note added. It was not e-mailed to the customer.', 'cuadra' ) );
			} )
			.catch( ( failure: unknown ) => {
				const described = describeRequestProblem( failure );
				if ( described.fieldErrors.body ) {
					setError( described.fieldErrors.body );
				} else {
					setProblem( described.message );
				}
			} )
			.finally( () => setSaving( false ) );
	};

	return (
		<Card className="cuadra-card cuadra-note-box">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'Internal note', 'cuadra' ) }</h2>
			</CardHeader>
			<CardBody>
				{ problem && (
					<Notice status="error" isDismissible={ false }>
						{ problem }
					</Notice>
				) }
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Note for the team', 'cuadra' ) }
					help={ error ? <FieldError message={ error } /> : __( 'Only your team sees notes; they are never e-mailed.', 'cuadra' ) }
					aria-invalid={ Boolean( error ) }
					value={ body }
					rows={ 4 }
					onChange={ ( value: string ) => {
						setBody( value );
						setError( null );
					} }
					disabled={ saving }
				/>
				<div className="cuadra-note-box__actions">
					<Button variant="secondary" onClick={ onSave } isBusy={ saving } disabled={ saving }>
						{ __( 'Add note', 'cuadra' ) }
					</Button>
				</div>
			</CardBody>
		</Card>
	);
}

import { Card, CardBody, CardHeader, SelectControl, Spinner } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { changeTicket } from '../../../api/tickets-api';
import type { Department, SupportAgent, TicketChange, TicketDetail, TicketPriority, TicketStatus, TicketSummary } from '../../../api/tickets-types';
import { formatDateTime } from '../../../shared/dates';
import { agentName, priorityLabel, TICKET_PRIORITIES, TICKET_STATUSES, ticketStatusLabel } from '../../ticket-labels';

interface TicketPropertiesProps {
	ticket: TicketDetail;
	agents: SupportAgent[];
	departments: Department[];
	onChanged: ( summary: TicketSummary, message: string ) => void;
	onFailed: ( message: string ) => void;
}

/** Status, priority, assignee and department, each saved as soon as it is chosen. */
export function TicketProperties( { ticket, agents, departments, onChanged, onFailed }: TicketPropertiesProps ) {
	const [ saving, setSaving ] = useState( false );

	const save = ( change: TicketChange, message: string ) => {
		setSaving( true );
		changeTicket( ticket.id, change )
			.then( ( summary ) => onChanged( summary, message ) )
			.catch( ( error: unknown ) => {
				const described = describeRequestProblem( error );
				onFailed( Object.values( described.fieldErrors )[ 0 ] ?? described.message );
			} )
			.finally( () => setSaving( false ) );
	};

	// Someone who lost cuadra_support may still be the assignee: keep them selectable so the value shows.
	const assigneeChoices = [ ...agents ];
	if ( ticket.assignee_id !== null && ! agents.some( ( agent ) => agent.id === ticket.assignee_id ) ) {
		assigneeChoices.push( { id: ticket.assignee_id, name: agentName( agents, ticket.assignee_id ), email: '' } );
	}

	return (
		<Card className="cuadra-card cuadra-ticket-properties">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'Ticket details', 'cuadra' ) }</h2>
				{ saving && <Spinner /> }
			</CardHeader>
			<CardBody>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Status', 'cuadra' ) }
					value={ ticket.status }
					options={ TICKET_STATUSES.map( ( status ) => ( { value: status as string, label: ticketStatusLabel( status ) } ) ) }
					onChange={ ( value: string ) =>
						save(
							{ status: value as TicketStatus },
							sprintf(
								/* translators: %s: the new status */
								__( 'Status changed to "%s".', 'cuadra' ),
								ticketStatusLabel( value as TicketStatus )
							)
						)
					}
					disabled={ saving }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Priority', 'cuadra' ) }
					value={ ticket.priority }
					options={ TICKET_PRIORITIES.map( ( priority ) => ( { value: priority as string, label: priorityLabel( priority ) } ) ) }
					onChange={ ( value: string ) =>
						save(
							{ priority: value as TicketPriority },
							sprintf(
								/* translators: %s: the new priority */
								__( 'Priority changed to "%s".', 'cuadra' ),
								priorityLabel( value as TicketPriority )
							)
						)
					}
					disabled={ saving }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Assignee', 'cuadra' ) }
					value={ ticket.assignee_id === null ? '' : String( ticket.assignee_id ) }
					options={ [
						{ value: '', label: __( 'Unassigned', 'cuadra' ) },
						...assigneeChoices.map( ( agent ) => ( { value: String( agent.id ), label: agent.name } ) ),
					] }
					onChange={ ( value: string ) => {
						const id = value === '' ? null : Number( value );
						save(
							{ assignee_id: id },
							id === null
								? __( 'The ticket is now unassigned.', 'cuadra' )
								: sprintf(
									/* translators: %s: name of the person */
									__( 'Assigned to %s.', 'cuadra' ),
									agentName( agents, id )
								)
						);
					} }
					disabled={ saving }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Department', 'cuadra' ) }
					value={ ticket.department ? String( ticket.department.id ) : '' }
					options={ [
						...( ticket.department ? [] : [ { value: '', label: __( 'No department', 'cuadra' ), disabled: true } ] ),
						...departments.map( ( department ) => ( { value: String( department.id ), label: department.name } ) ),
					] }
					onChange={ ( value: string ) => {
						const department = departments.find( ( candidate ) => String( candidate.id ) === value );
						if ( department ) {
							save(
								{ department_id: department.id },
								sprintf(
									/* translators: %s: department name */
									__( 'Moved to %s.', 'cuadra' ),
									department.name
								)
							);
						}
					} }
					disabled={ saving }
				/>
				<dl className="cuadra-ticket-properties__dates">
					<div>
						<dt>{ __( 'First reply', 'cuadra' ) }</dt>
						<dd>{ ticket.first_response_at ? formatDateTime( ticket.first_response_at ) : __( 'Not yet', 'cuadra' ) }</dd>
					</div>
					{ ticket.closed_at && (
						<div>
							<dt>{ __( 'Closed', 'cuadra' ) }</dt>
							<dd>{ formatDateTime( ticket.closed_at ) }</dd>
						</div>
					) }
				</dl>
			</CardBody>
		</Card>
	);
}

import { Button, CheckboxControl, Notice, SelectControl, Spinner } from '@wordpress/components';
import { createElement, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { describeRequestProblem } from '../../../api/request-problem';
import { listTickets } from '../../../api/tickets-api';
import type { TicketFilter, TicketList, TicketStatus, TicketSummary } from '../../../api/tickets-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { Pagination } from '../../../shared/components/pagination';
import { formatDateTime } from '../../../shared/dates';
import { safeColour } from '../../department-colour';
import { agentName, priorityLabel, TICKET_STATUSES, ticketStatusLabel } from '../../ticket-labels';
import type { TicketsBoot } from '../../tickets-boot';
import type { DepartmentsState } from '../../use-departments';
import { DepartmentBadge } from '../department-badge';
import { TicketStatusBadge } from '../ticket-status-badge';

const PER_PAGE = 20;
const COLUMNS = 6;

interface TicketInboxProps {
	query: URLSearchParams;
	boot: TicketsBoot;
	departments: DepartmentsState;
}

/**
 * The filters kept in the URL: department, status, assignee (id, "none" or "me"), awaiting, s.
 *
 * @param query The page's query string.
 */
function filterQuery( query: URLSearchParams ): QueryValues {
	return {
		department: query.get( 'department' ),
		status: query.get( 'status' ),
		assignee: query.get( 'assignee' ),
		awaiting: query.get( 'awaiting' ),
		s: query.get( 's' ),
	};
}

function serviceFilter( query: URLSearchParams, currentUserId: number, page: number ): TicketFilter {
	const department = Number( query.get( 'department' ) );
	const status = query.get( 'status' ) ?? '';
	const assignee = query.get( 'assignee' ) ?? '';
	let assigneeId: TicketFilter[ 'assignee_id' ];
	if ( assignee === 'none' ) {
		assigneeId = 'none';
	} else if ( assignee === 'me' ) {
		assigneeId = currentUserId > 0 ? currentUserId : undefined;
	} else if ( Number( assignee ) > 0 ) {
		assigneeId = Number( assignee );
	}
	return {
		department_id: department > 0 ? department : undefined,
		status: TICKET_STATUSES.includes( status as TicketStatus ) ? status : undefined,
		assignee_id: assigneeId,
		awaiting_first_reply: query.get( 'awaiting' ) === '1' ? 'true' : undefined,
		search: query.get( 's' ) || undefined,
		page,
		per_page: PER_PAGE,
	};
}

/** Cuadra → Tickets: the inbox, newest first, each ticket in its department's colour. */
export function TicketInbox( { query, boot, departments }: TicketInboxProps ) {
	const [ data, setData ] = useState< TicketList | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loading, setLoading ] = useState( true );
	const [ attempt, setAttempt ] = useState( 0 );
	const searched = query.get( 's' ) ?? '';
	const [ search, setSearch ] = useState( searched );
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const base = filterQuery( query );
	const filterKey = JSON.stringify( base );

	useEffect( () => setSearch( searched ), [ searched ] );

	useEffect( () => {
		let current = true;
		setLoading( true );
		setError( null );
		listTickets( serviceFilter( query, boot.currentUserId, page ) )
			.then( ( loaded ) => {
				if ( current ) {
					setData( loaded );
				}
			} )
			.catch( ( problem: unknown ) => {
				if ( current ) {
					setError( describeRequestProblem( problem ).message );
				}
			} )
			.finally( () => {
				if ( current ) {
					setLoading( false );
				}
			} );
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- driven by the URL's filters only
	}, [ filterKey, page, attempt ] );

	const apply = ( name: string, value: string | null ) => navigate( { ...base, [ name ]: value } );
	const departmentFilter = query.get( 'department' ) ?? '';
	const filtered = Object.values( base ).some( ( value ) => value );
	const tickets = data?.items ?? [];

	const renderRow = ( ticket: TicketSummary ) => {
		const colour = safeColour( ticket.department?.colour );
		return (
			<tr
				key={ ticket.id }
				className={ `cuadra-ticket-row is-${ ticket.status }${ ticket.awaiting_first_reply ? ' is-awaiting' : '' }` }
				data-department-colour={ colour }
			>
				<td className="column-primary cuadra-ticket-row__subject" style={ { boxShadow: `inset 4px 0 0 ${ colour }` } }>
					<strong>
						<AdminLink to={ { ticket: ticket.id } } className="row-title">
							{ `#${ ticket.number } ${ ticket.subject }` }
						</AdminLink>
					</strong>
					<span className="cuadra-muted cuadra-ticket-row__contact">
						{ ticket.contact.name ? `${ ticket.contact.name } <${ ticket.contact.email }>` : ticket.contact.email }
					</span>
				</td>
				<td>
					<DepartmentBadge department={ ticket.department } />
				</td>
				<td>
					<TicketStatusBadge status={ ticket.status } />
					{ ticket.awaiting_first_reply && (
						<span className="cuadra-ticket-row__awaiting">{ __( 'Awaiting first reply', 'cuadra' ) }</span>
					) }
				</td>
				<td className={ `cuadra-priority cuadra-priority--${ ticket.priority }` }>{ priorityLabel( ticket.priority ) }</td>
				<td>{ agentName( boot.agents, ticket.assignee_id ) }</td>
				<td>
					<time dateTime={ ticket.last_message_at ?? ticket.created_at }>
						{ formatDateTime( ticket.last_message_at ?? ticket.created_at ) }
					</time>
				</td>
			</tr>
		);
	};

	return (
		<div className="cuadra-ticket-inbox">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Tickets', 'cuadra' ) }</h1>
			</div>
			<hr className="wp-header-end" />

			{ departments.error && (
				<Notice status="warning" isDismissible={ false }>
					{ departments.error }
				</Notice>
			) }

			<ul className="cuadra-department-filter" aria-label={ __( 'Filter by department', 'cuadra' ) }>
				<li>
					<AdminLink
						to={ { ...base, department: null } }
						className={ `cuadra-department-filter__link${ departmentFilter === '' ? ' is-current' : '' }` }
					>
						{ __( 'All departments', 'cuadra' ) }
					</AdminLink>
				</li>
				{ ( departments.departments ?? [] ).map( ( department ) => (
					<li key={ department.id }>
						<AdminLink
							to={ { ...base, department: department.id } }
							className={ `cuadra-department-filter__link${
								departmentFilter === String( department.id ) ? ' is-current' : ''
							}` }
						>
							<span
								className="cuadra-department-filter__swatch"
								aria-hidden="true"
								style={ { backgroundColor: safeColour( department.colour ) } }
							/>
							{ department.name }
						</AdminLink>
					</li>
				) ) }
			</ul>

			<form
				className="search-box cuadra-search-box"
				role="search"
				onSubmit={ ( event ) => {
					event.preventDefault();
					navigate( { ...base, s: search.trim() } );
				} }
			>
				<label className="screen-reader-text" htmlFor="cuadra-ticket-search">
					{ __( 'Search tickets', 'cuadra' ) }
				</label>
				<input
					type="search"
					id="cuadra-ticket-search"
					value={ search }
					onChange={ ( event ) => setSearch( event.target.value ) }
					placeholder={ __( 'Subject, name, e-mail or #number', 'cuadra' ) }
				/>
				<Button variant="secondary" type="submit">
					{ __( 'Search tickets', 'cuadra' ) }
				</Button>
			</form>

			<div className="cuadra-filters">
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ query.get( 'status' ) ?? '' }
					options={ [
						{ value: '', label: __( 'All statuses', 'cuadra' ) },
						...TICKET_STATUSES.map( ( status ) => ( { value: status as string, label: ticketStatusLabel( status ) } ) ),
					] }
					onChange={ ( value: string ) => apply( 'status', value ) }
				/>
				<SelectControl
					__nextHasNoMarginBottom
					className="cuadra-filters__assignee"
					label={ __( 'Assignee', 'cuadra' ) }
					value={ query.get( 'assignee' ) ?? '' }
					options={ [
						{ value: '', label: __( 'Anyone', 'cuadra' ) },
						{ value: 'me', label: __( 'Me', 'cuadra' ) },
						{ value: 'none', label: __( 'Unassigned', 'cuadra' ) },
						...boot.agents.map( ( agent ) => ( { value: String( agent.id ), label: agent.name } ) ),
					] }
					onChange={ ( value: string ) => apply( 'assignee', value ) }
				/>
				<CheckboxControl
					__nextHasNoMarginBottom
					className="cuadra-filters__awaiting"
					label={ __( 'Awaiting first reply', 'cuadra' ) }
					checked={ query.get( 'awaiting' ) === '1' }
					onChange={ ( checked: boolean ) => apply( 'awaiting', checked ? '1' : null ) }
				/>
				{ filtered && (
					<div className="cuadra-filters__actions">
						<Button variant="tertiary" onClick={ () => navigate( {} ) }>
							{ __( 'Clear filters', 'cuadra' ) }
						</Button>
					</div>
				) }
			</div>

			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }{ ' ' }
					<Button variant="link" onClick={ () => setAttempt( attempt + 1 ) }>
						{ __( 'Try again', 'cuadra' ) }
					</Button>
				</Notice>
			) }

			{ data && (
				<div className="tablenav top">
					<Pagination total={ data.total } page={ page } perPage={ PER_PAGE } query={ base } />
					<br className="clear" />
				</div>
			) }

			<table
				className={ `wp-list-table widefat fixed striped table-view-list cuadra-ticket-table${ loading ? ' is-loading' : '' }` }
			>
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Ticket', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-department">
							{ __( 'Department', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-status">
							{ __( 'Status', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-priority">
							{ __( 'Priority', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-assignee">
							{ __( 'Assignee', 'cuadra' ) }
						</th>
						<th scope="col" className="cuadra-column-activity">
							{ __( 'Last activity', 'cuadra' ) }
						</th>
					</tr>
				</thead>
				<tbody>
					{ tickets.map( renderRow ) }
					{ data && tickets.length === 0 && (
						<tr className="no-items">
							<td className="colspanchange" colSpan={ COLUMNS }>
								{ filtered
									? __( 'No tickets match these filters.', 'cuadra' )
									: __( 'No tickets yet. Messages sent through your contact forms appear here.', 'cuadra' ) }
							</td>
						</tr>
					) }
					{ ! data && loading && (
						<tr className="no-items">
							<td colSpan={ COLUMNS }>
								<Spinner />
							</td>
						</tr>
					) }
				</tbody>
			</table>

			{ data && data.total > PER_PAGE && (
				<div className="tablenav bottom">
					<Pagination total={ data.total } page={ page } perPage={ PER_PAGE } query={ base } />
					<br className="clear" />
				</div>
			) }
			{ data && (
				<p className="screen-reader-text" aria-live="polite">
					{ sprintf(
						/* translators: %d: number of tickets found */
						_n( '%d ticket found.', '%d tickets found.', data.total, 'cuadra' ),
						data.total
					) }
				</p>
			) }
		</div>
	);
}

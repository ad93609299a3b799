import { Button, CheckboxControl, Notice } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { listTickets } from '../../../api/tickets-api';
import type { TicketFilter, TicketStatus, TicketSummary } from '../../../api/tickets-types';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { FilterSelect } from '../../../shared/components/filter-select';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { formatDateTime } from '../../../shared/dates';
import { useListPage } from '../../../shared/use-list-page';
import { safeColour } from '../../department-colour';
import { agentName, priorityLabel, TICKET_STATUSES, ticketStatusLabel } from '../../ticket-labels';
import type { TicketsBoot } from '../../tickets-boot';
import type { DepartmentsState } from '../../use-departments';
import { DepartmentBadge } from '../department-badge';
import { TicketStatusBadge } from '../ticket-status-badge';

const PER_PAGE = 20;

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
	const searched = query.get( 's' ) ?? '';
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const base = filterQuery( query );
	const filterKey = JSON.stringify( base );
	const tickets = useListPage(
		() => listTickets( serviceFilter( query, boot.currentUserId, page ) ),
		// Driven by the URL's filters only.
		[ filterKey, page ]
	);

	const apply = ( name: string, value: string | null ) => navigate( { ...base, [ name ]: value } );
	const departmentFilter = query.get( 'department' ) ?? '';
	const filtered = Object.values( base ).some( ( value ) => value );

	const columns: ListTableColumn[] = [
		{ key: 'ticket', label: __( 'Ticket', 'cuadra' ), className: 'column-primary' },
		{ key: 'department', label: __( 'Department', 'cuadra' ), className: 'cuadra-column-department' },
		{ key: 'status', label: __( 'Status', 'cuadra' ), className: 'cuadra-column-status' },
		{ key: 'priority', label: __( 'Priority', 'cuadra' ), className: 'cuadra-column-priority' },
		{ key: 'assignee', label: __( 'Assignee', 'cuadra' ), className: 'cuadra-column-assignee' },
		{ key: 'activity', label: __( 'Last activity', 'cuadra' ), className: 'cuadra-column-activity' },
	];

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

			<SearchBox
				id="cuadra-ticket-search"
				label={ __( 'Search tickets', 'cuadra' ) }
				placeholder={ __( 'Subject, name, e-mail or #number', 'cuadra' ) }
				searched={ searched }
				onSearch={ ( search ) => navigate( { ...base, s: search } ) }
			/>

			<div className="cuadra-filters">
				<FilterSelect
					className="cuadra-filters__status"
					label={ __( 'Status', 'cuadra' ) }
					value={ query.get( 'status' ) ?? '' }
					allLabel={ __( 'All statuses', 'cuadra' ) }
					options={ TICKET_STATUSES.map( ( status ) => ( { value: status as string, label: ticketStatusLabel( status ) } ) ) }
					onChange={ ( value ) => apply( 'status', value ) }
				/>
				<FilterSelect
					className="cuadra-filters__assignee"
					label={ __( 'Assignee', 'cuadra' ) }
					value={ query.get( 'assignee' ) ?? '' }
					allLabel={ __( 'Anyone', 'cuadra' ) }
					options={ [
						{ value: 'me', label: __( 'Me', 'cuadra' ) },
						{ value: 'none', label: __( 'Unassigned', 'cuadra' ) },
						...boot.agents.map( ( agent ) => ( { value: String( agent.id ), label: agent.name } ) ),
					] }
					onChange={ ( value ) => apply( 'assignee', value ) }
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

			<ListTable
				className="cuadra-ticket-table"
				columns={ columns }
				list={ tickets }
				items={ tickets.data?.items }
				renderRow={ renderRow }
				emptyMessage={
					filtered
						? __( 'No tickets match these filters.', 'cuadra' )
						: __( 'No tickets yet. Messages sent through your contact forms appear here.', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
				foundText={ ( total ) =>
					sprintf(
						/* translators: %d: number of tickets found */
						_n( '%d ticket found.', '%d tickets found.', total, 'cuadra' ),
						total
					)
				}
			/>
		</div>
	);
}

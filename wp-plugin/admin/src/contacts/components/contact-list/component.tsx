import { Button, Notice } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { useLists } from '../../../lists/use-lists';
import { navigate, type QueryValues } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { FilterSelect } from '../../../shared/components/filter-select';
import { ListTable, type ListTableColumn } from '../../../shared/components/list-table';
import { SearchBox } from '../../../shared/components/search-box';
import { formatDateTime } from '../../../shared/dates';
import { takeFlash } from '../../../shared/flash';
import { userLocale } from '../../../shared/locale';
import { useListPage } from '../../../shared/use-list-page';
import { listContacts } from '../../contacts-api';
import { CONTACT_FILTERS, contactFilterLabel } from '../../contact-labels';
import type { ContactFilterName, ContactSummary } from '../../contacts-types';
import { ContactKindBadge } from '../contact-kind-badge';

const PER_PAGE = 20;

interface ContactListProps {
	query: URLSearchParams;
}

function filterOf( query: URLSearchParams ): ContactFilterName {
	const requested = query.get( 'filter' ) ?? '';
	return CONTACT_FILTERS.includes( requested as ContactFilterName ) ? ( requested as ContactFilterName ) : 'all';
}

function listIdOf( query: URLSearchParams ): number | undefined {
	const id = Number( query.get( 'list_id' ) );
	return Number.isInteger( id ) && id > 0 ? id : undefined;
}

/** Contacts matching a name or e-mail, most recently active first (&s=, &filter=, &list_id=, &paged=). */
export function ContactList( { query }: ContactListProps ) {
	const [ flash ] = useState( takeFlash );
	const lists = useLists();
	const searched = query.get( 's' ) ?? '';
	const filter = filterOf( query );
	const listId = filter === 'subscribers' ? listIdOf( query ) : undefined;
	const page = Math.max( 1, Number( query.get( 'paged' ) ) || 1 );
	const base: QueryValues = {
		view: 'contacts',
		s: searched || null,
		filter: filter === 'all' ? null : filter,
		list_id: listId ?? null,
	};
	const numbers = new Intl.NumberFormat( userLocale() );

	const contacts = useListPage(
		() => listContacts( { search: searched || undefined, filter, list_id: listId, page, per_page: PER_PAGE } ),
		[ searched, filter, listId, page ]
	);

	const filtered = searched !== '' || filter !== 'all';

	const columns: ListTableColumn[] = [
		{ key: 'contact', label: __( 'Contact', 'cuadra' ), className: 'column-primary' },
		{ key: 'kind', label: __( 'Kind', 'cuadra' ), className: 'cuadra-column-kind' },
		{ key: 'tickets', label: __( 'Tickets', 'cuadra' ), className: 'cuadra-column-count' },
		{ key: 'lists', label: __( 'Subscribed lists', 'cuadra' ), className: 'cuadra-column-count' },
		{ key: 'activity', label: __( 'Last activity', 'cuadra' ), className: 'cuadra-column-activity' },
	];

	const renderRow = ( contact: ContactSummary ) => (
		<tr key={ contact.id } className={ `cuadra-contact-row is-${ contact.kind }` }>
			<td className="column-primary">
				<strong>
					<AdminLink to={ { view: 'contacts', contact: contact.id } } className="row-title">
						{ contact.name || contact.email }
					</AdminLink>
				</strong>
				<span className="cuadra-muted cuadra-contact-row__email">{ contact.email }</span>
				{ contact.phone && <span className="cuadra-muted cuadra-contact-row__phone">{ contact.phone }</span> }
			</td>
			<td>
				<ContactKindBadge kind={ contact.kind } />
			</td>
			<td className="cuadra-column-count cuadra-contact-row__tickets">{ numbers.format( contact.ticket_count ) }</td>
			<td className="cuadra-column-count cuadra-contact-row__lists">{ numbers.format( contact.subscribed_lists ) }</td>
			<td>
				<time dateTime={ contact.last_activity_at }>{ formatDateTime( contact.last_activity_at ) }</time>
			</td>
		</tr>
	);

	return (
		<div className="cuadra-contacts">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Contacts', 'cuadra' ) }</h1>
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }

			<SearchBox
				id="cuadra-contact-search"
				label={ __( 'Search contacts', 'cuadra' ) }
				placeholder={ __( 'Name or e-mail', 'cuadra' ) }
				searched={ searched }
				onSearch={ ( search ) => navigate( { ...base, s: search || null } ) }
			/>

			<div className="cuadra-filters">
				<FilterSelect
					className="cuadra-filters__contact-kind"
					label={ __( 'Show', 'cuadra' ) }
					value={ filter }
					options={ CONTACT_FILTERS.map( ( value ) => ( { value: value as string, label: contactFilterLabel( value ) } ) ) }
					onChange={ ( value ) => navigate( { ...base, filter: value === 'all' ? null : value, list_id: null } ) }
				/>
				{ filter === 'subscribers' && (
					<FilterSelect
						className="cuadra-filters__list"
						label={ __( 'List', 'cuadra' ) }
						value={ listId ? String( listId ) : '' }
						allLabel={ __( 'Any list', 'cuadra' ) }
						options={ ( lists.lists ?? [] ).map( ( list ) => ( { value: String( list.id ), label: list.name } ) ) }
						onChange={ ( value ) => navigate( { ...base, list_id: value || null } ) }
					/>
				) }
				{ filtered && (
					<div className="cuadra-filters__actions">
						<Button variant="tertiary" onClick={ () => navigate( { view: 'contacts' } ) }>
							{ __( 'Clear filters', 'cuadra' ) }
						</Button>
					</div>
				) }
			</div>

			<ListTable
				className="cuadra-contact-table"
				columns={ columns }
				list={ contacts }
				items={ contacts.data?.items }
				renderRow={ renderRow }
				emptyMessage={
					filtered
						? __( 'No contacts match this search.', 'cuadra' )
						: __( 'No contacts yet. People who write through your contact forms, e-mail support or join a list appear here.', 'cuadra' )
				}
				pagination={ { page, perPage: PER_PAGE, query: base } }
				foundText={ ( total ) =>
					sprintf(
						/* translators: %d: number of contacts found */
						_n( '%d contact found.', '%d contacts found.', total, 'cuadra' ),
						total
					)
				}
			/>
		</div>
	);
}

import { Notice, Spinner } from '@wordpress/components';
import { createElement, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import type { Department, SupportAgent } from '../../../api/tickets-types';
import { navigate } from '../../../shared/admin-location';
import { AdminLink } from '../../../shared/components/admin-link';
import { takeFlash } from '../../../shared/flash';
import { hoursSummary } from '../../department-form';
import { agentName } from '../../ticket-labels';
import type { DepartmentsState } from '../../use-departments';
import { DepartmentBadge } from '../department-badge';
import { DepartmentEditor } from '../department-editor';

interface DepartmentsScreenProps {
	query: URLSearchParams;
	agents: SupportAgent[];
	departments: DepartmentsState;
}

function contactOf( department: Department, agents: SupportAgent[] ): string {
	if ( department.contact_user_id !== null ) {
		return agentName( agents, department.contact_user_id );
	}
	return department.contact_email || '—';
}

/** Tickets → Departments: the list, and the editor of one (&department=ID) or a new one (&department=new). */
export function DepartmentsScreen( { query, agents, departments }: DepartmentsScreenProps ) {
	const [ flash ] = useState( takeFlash );
	// Shown until the reloaded list has it, so the editor of a new department does not flicker away.
	const [ justSaved, setJustSaved ] = useState< Department | null >( null );
	const chosen = query.get( 'department' );
	const list = departments.departments;

	if ( chosen !== null ) {
		if ( list === null ) {
			return departments.error ? (
				<Notice status="error" isDismissible={ false }>
					{ departments.error }
				</Notice>
			) : (
				<div className="cuadra-screen-loading">
					<Spinner />
				</div>
			);
		}
		const lastSaved = justSaved && String( justSaved.id ) === chosen ? justSaved : null;
		const listed = list.find( ( candidate ) => String( candidate.id ) === chosen ) ?? lastSaved;
		const department = chosen === 'new' ? null : listed;
		if ( chosen !== 'new' && ! department ) {
			return (
				<Notice status="error" isDismissible={ false }>
					{ __( 'This department does not exist any more.', 'cuadra' ) }{ ' ' }
					<AdminLink to={ { view: 'departments' } }>{ __( '← Back to departments', 'cuadra' ) }</AdminLink>
				</Notice>
			);
		}
		return (
			<DepartmentEditor
				key={ chosen }
				department={ department }
				agents={ agents }
				onSaved={ ( saved ) => {
					setJustSaved( saved );
					departments.reload();
					navigate( { view: 'departments', department: saved.id }, { replace: true } );
				} }
			/>
		);
	}

	return (
		<div className="cuadra-departments">
			<div className="cuadra-page-header">
				<h1 className="wp-heading-inline">{ __( 'Departments', 'cuadra' ) }</h1>
				<AdminLink to={ { view: 'departments', department: 'new' } } className="page-title-action">
					{ __( 'Add department', 'cuadra' ) }
				</AdminLink>
			</div>
			<hr className="wp-header-end" />
			{ flash && (
				<Notice status={ flash.status } className="cuadra-flash" isDismissible={ false }>
					{ flash.message }
				</Notice>
			) }
			{ departments.error && (
				<Notice status="error" isDismissible={ false }>
					{ departments.error }
				</Notice>
			) }
			<table className="wp-list-table widefat fixed striped table-view-list cuadra-department-table">
				<thead>
					<tr>
						<th scope="col" className="column-primary">
							{ __( 'Department', 'cuadra' ) }
						</th>
						<th scope="col">{ __( 'Contact person', 'cuadra' ) }</th>
						<th scope="col">{ __( 'Business hours', 'cuadra' ) }</th>
					</tr>
				</thead>
				<tbody>
					{ list === null && (
						<tr className="no-items">
							<td colSpan={ 3 }>
								<Spinner />
							</td>
						</tr>
					) }
					{ ( list ?? [] ).map( ( department ) => (
						<tr key={ department.id } className="cuadra-department-row">
							<td className="column-primary">
								<AdminLink to={ { view: 'departments', department: department.id } } className="row-title">
									<DepartmentBadge department={ department } />
								</AdminLink>
								{ department.is_default && <span className="cuadra-muted"> { __( '(default)', 'cuadra' ) }</span> }
							</td>
							<td>{ contactOf( department, agents ) }</td>
							<td>{ hoursSummary( department.business_hours ) }</td>
						</tr>
					) ) }
				</tbody>
			</table>
		</div>
	);
}

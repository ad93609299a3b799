import apiFetch from '@wordpress/api-fetch';

import type {
	MrrHistory,
	MrrSummary,
	Template,
	TemplateFilter,
	TemplateInput,
	TemplateList,
	TemplatePreview,
	UpcomingIssue,
} from './recurring-types';

const NAMESPACE = '/cuadra/v1';

/**
 * A path with the query values that are set.
 *
 * @param path  Route path.
 * @param query Query values; empty ones are left out.
 */
function withQuery(
	path: string,
	query: Record< string, string | number | undefined >
): string {
	const params = new URLSearchParams();
	for ( const [ name, value ] of Object.entries( query ) ) {
		if ( value !== undefined && value !== '' ) {
			params.set( name, String( value ) );
		}
	}
	const text = params.toString();
	return text ? `${ path }?${ text }` : path;
}

export function listTemplates( filter: TemplateFilter ): Promise< TemplateList > {
	return apiFetch< TemplateList >( {
		path: withQuery( `${ NAMESPACE }/recurring-templates`, { ...filter } ),
	} );
}

export function fetchTemplate( id: number ): Promise< Template > {
	return apiFetch< Template >( { path: `${ NAMESPACE }/recurring-templates/${ id }` } );
}

export function createTemplate( input: TemplateInput ): Promise< Template > {
	return apiFetch< Template >( {
		path: `${ NAMESPACE }/recurring-templates`,
		method: 'POST',
		data: input,
	} );
}

export function updateTemplate( id: number, input: TemplateInput ): Promise< Template > {
	return apiFetch< Template >( {
		path: `${ NAMESPACE }/recurring-templates/${ id }`,
		method: 'PUT',
		data: input,
	} );
}

export type TemplateAction = 'pause' | 'resume' | 'end';

export function runTemplateAction( id: number, action: TemplateAction ): Promise< Template > {
	return apiFetch< Template >( {
		path: `${ NAMESPACE }/recurring-templates/${ id }/${ action }`,
		method: 'POST',
	} );
}

/**
 * The next issue dates and MRR of a template as typed, without storing it.
 *
 * @param input The template as it would be saved.
 */
export function previewTemplate( input: TemplateInput ): Promise< TemplatePreview > {
	return apiFetch< TemplatePreview >( {
		path: `${ NAMESPACE }/recurring-templates/preview`,
		method: 'POST',
		data: input,
	} );
}

export function fetchUpcomingIssues( limit = 10 ): Promise< { upcoming: UpcomingIssue[] } > {
	return apiFetch< { upcoming: UpcomingIssue[] } >( {
		path: withQuery( `${ NAMESPACE }/recurring-templates/upcoming`, { limit } ),
	} );
}

export function fetchMrrSummary(): Promise< MrrSummary > {
	return apiFetch< MrrSummary >( { path: `${ NAMESPACE }/mrr/summary` } );
}

export function fetchMrrHistory( months = 12 ): Promise< MrrHistory > {
	return apiFetch< MrrHistory >( {
		path: withQuery( `${ NAMESPACE }/mrr/history`, { months } ),
	} );
}

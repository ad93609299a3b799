import { Notice } from '@wordpress/components';
import { createElement } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { TemplateProblem } from '../../../api/recurring-types';
import { translateServiceMessage } from '../../../api/service-messages';
import { formatDate } from '../../../shared/dates';

/**
 * A problem in the user's language (the service's code decides; its English text is the fallback).
 *
 * @param problem From the service.
 */
export function problemMessage( problem: TemplateProblem ): string {
	return translateServiceMessage( problem.code, problem.message );
}

interface TemplateProblemsProps {
	problems: TemplateProblem[];
	/** The next issue date, which the problems would stop. */
	nextDate: string | null;
	/** A one-line version for list rows. */
	compact?: boolean;
}

/** What would stop the next invoice, said before its date so there is time to fix it. */
export function TemplateProblems( { problems, nextDate, compact = false }: TemplateProblemsProps ) {
	if ( problems.length === 0 ) {
		return null;
	}
	const lead = nextDate
		? sprintf(
			/* translators: %s: date of the next invoice, e.g. 1 dic 2026 */
			__( 'Fix before %s, or the next invoice cannot be issued:', 'cuadra' ),
			formatDate( nextDate )
		)
		: __( 'Fix this, or the next invoice cannot be issued:', 'cuadra' );
	if ( compact ) {
		return (
			<span className="cuadra-template-problems--compact">
				<span className="dashicons dashicons-warning" aria-hidden="true" />{ ' ' }
				{ problems.map( problemMessage ).join( ' ' ) }
			</span>
		);
	}
	return (
		<Notice status="warning" isDismissible={ false } className="cuadra-template-problems">
			<p>{ lead }</p>
			<ul>
				{ problems.map( ( problem, index ) => (
					<li key={ `${ problem.code }-${ index }` }>{ problemMessage( problem ) }</li>
				) ) }
			</ul>
		</Notice>
	);
}

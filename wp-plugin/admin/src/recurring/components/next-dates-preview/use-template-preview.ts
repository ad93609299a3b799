import { useEffect, useRef, useState } from '@wordpress/element';

import { previewTemplate } from '../../../api/recurring-api';
import type { TemplateInput, TemplatePreview } from '../../../api/recurring-types';
import { describeTemplateProblem } from '../../template-errors';

const PREVIEW_DELAY_MS = 400;

export type PreviewState =
	| { state: 'waiting' }
	| { state: 'ready'; preview: TemplatePreview }
	| { state: 'invalid'; fields: Record< string, string >; message: string }
	| { state: 'failed'; message: string };

/**
 * The lines the preview is asked about: half-typed empty lines left out, so the dates show as soon
 * as the schedule is set; with no line yet, one free line (the dates do not depend on amounts).
 *
 * @param input The template as typed.
 */
function previewInput( input: TemplateInput ): TemplateInput {
	const lines = input.lines.filter(
		( line ) => line.description.trim() !== '' || line.unit_price.trim() !== ''
	);
	return {
		...input,
		lines: lines.length
			? lines
			: [
				{
					description: '-',
					sku: '',
					quantity: '1',
					unit_price: '0',
					discount_percent: '0',
					vat: 21,
					recargo: false,
					irpf: false,
					one_off: false,
				},
			],
	};
}

/**
 * Asks the service for the next issue dates of the template as typed, a moment after typing stops;
 * an answer to an older version of the form is dropped.
 *
 * @param input   The template as it would be saved.
 * @param enabled False for an ended template, which has no next dates.
 */
export function useTemplatePreview( input: TemplateInput, enabled: boolean ): PreviewState {
	const [ result, setResult ] = useState< PreviewState >( { state: 'waiting' } );
	const latest = useRef( 0 );
	const key = JSON.stringify( input );

	useEffect( () => {
		if ( ! enabled ) {
			return;
		}
		const ticket = ++latest.current;
		setResult( ( current ) => ( current.state === 'ready' ? current : { state: 'waiting' } ) );
		const timer = setTimeout( () => {
			previewTemplate( previewInput( JSON.parse( key ) as TemplateInput ) )
				.then( ( preview ) => {
					if ( ticket === latest.current ) {
						setResult( { state: 'ready', preview } );
					}
				} )
				.catch( ( error: unknown ) => {
					if ( ticket !== latest.current ) {
						return;
					}
					const problem = describeTemplateProblem( error );
					setResult(
						Object.keys( problem.fields ).length > 0
							? { state: 'invalid', fields: problem.fields, message: problem.message }
							: { state: 'failed', message: problem.message }
					);
				} );
		}, PREVIEW_DELAY_MS );
		return () => clearTimeout( timer );
	}, [ key, enabled ] );

	return result;
}

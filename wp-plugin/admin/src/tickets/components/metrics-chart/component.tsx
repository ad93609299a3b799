import { createElement } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { useUniqueId } from '../../../shared/use-unique-id';
import { safeColour } from '../../department-colour';

export interface ChartBar {
	key: string;
	label: string;
	colour: string;
	/** The value drawn (a count or milliseconds); null when there is nothing to measure. */
	value: number | null;
	/** The value as the table shows it. */
	text: string;
}

interface MetricsChartProps {
	title: string;
	bars: ChartBar[];
	/** Id of the table that holds the same figures. */
	tableId: string;
}

// Geometry in SVG units; the SVG scales to its container's width.
const WIDTH = 720;
const LABEL_WIDTH = 180;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const TOP = 8;

/**
 * Horizontal bars, one per department (or agent), drawn by hand: no chart library. The SVG is one
 * image for assistive technology (role img, title, description); the figures are in the table.
 */
export function MetricsChart( { title, bars, tableId }: MetricsChartProps ) {
	const titleId = useUniqueId( 'cuadra-metrics-chart-title' );
	const descId = useUniqueId( 'cuadra-metrics-chart-desc' );
	const max = Math.max( 0, ...bars.map( ( bar ) => bar.value ?? 0 ) );
	const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
	const height = TOP + ( bars.length * ROW_HEIGHT ) + 8;
	const clip = ( text: string ) => ( text.length > 24 ? `${ text.slice( 0, 23 ) }…` : text );

	return (
		<svg
			className="cuadra-metrics-chart"
			viewBox={ `0 0 ${ WIDTH } ${ height }` }
			role="img"
			aria-labelledby={ `${ titleId } ${ descId }` }
			aria-details={ tableId }
			preserveAspectRatio="xMinYMin meet"
		>
			<title id={ titleId }>{ title }</title>
			<desc id={ descId }>
				{ [
					...bars.map( ( bar ) => `${ bar.label }: ${ bar.text }` ),
					__( 'The same figures are in the table that follows.', 'cuadra' ),
				].join( '. ' ) }
			</desc>
			{ bars.map( ( bar, index ) => {
				const y = TOP + ( index * ROW_HEIGHT );
				const width = max > 0 && bar.value !== null ? Math.max( ( bar.value / max ) * span, bar.value > 0 ? 2 : 0 ) : 0;
				return (
					<g key={ bar.key } className="cuadra-metrics-chart__row">
						<title>{ `${ bar.label }: ${ bar.text }` }</title>
						<text className="cuadra-metrics-chart__label" x={ LABEL_WIDTH - 8 } y={ y + ( BAR_HEIGHT / 2 ) + 4 } textAnchor="end">
							{ clip( bar.label ) }
						</text>
						<rect
							className="cuadra-metrics-chart__track"
							x={ LABEL_WIDTH }
							y={ y }
							width={ span }
							height={ BAR_HEIGHT }
						/>
						<rect
							className="cuadra-metrics-chart__bar"
							x={ LABEL_WIDTH }
							y={ y }
							width={ width.toFixed( 1 ) }
							height={ BAR_HEIGHT }
							fill={ safeColour( bar.colour ) }
						/>
						<text className="cuadra-metrics-chart__value" x={ LABEL_WIDTH + span + 8 } y={ y + ( BAR_HEIGHT / 2 ) + 4 }>
							{ bar.text }
						</text>
					</g>
				);
			} ) }
		</svg>
	);
}

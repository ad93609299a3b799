import { Button, Card, CardBody, CardHeader, Notice, Spinner } from '@wordpress/components';
import { createElement, Fragment, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import type { MrrHistory, MrrMonth } from '../../../api/recurring-types';
import { formatMoney } from '../../../shared/money';
import { useUniqueId } from '../../../shared/use-unique-id';
import { formatCompactMoney, formatMonth, formatSignedMoney } from '../../mrr-format';
import type { Loadable } from '../../use-mrr-dashboard';
import { ticksUpTo } from './chart-scale';

type Movement = 'new' | 'expansion' | 'reactivation' | 'contraction' | 'churn';

/** Gains stack up from zero, losses down, in this order. */
const GAINS: Movement[] = [ 'new', 'expansion', 'reactivation' ];
const LOSSES: Movement[] = [ 'contraction', 'churn' ];

function movementLabel( movement: Movement ): string {
	switch ( movement ) {
		case 'new':
			return __( 'New', 'cuadra' );
		case 'expansion':
			return __( 'Expansion', 'cuadra' );
		case 'reactivation':
			return __( 'Reactivation', 'cuadra' );
		case 'contraction':
			return __( 'Contraction', 'cuadra' );
		case 'churn':
			return __( 'Churn', 'cuadra' );
	}
	return movement;
}

// Geometry in SVG units; the SVG scales to the card's width.
const WIDTH = 720;
const LEFT = 76;
const RIGHT = 12;
const LINE_TOP = 16;
const LINE_HEIGHT = 150;
const BARS_TOP = LINE_TOP + LINE_HEIGHT + 30;
const BARS_HEIGHT = 96;
const AXIS_Y = BARS_TOP + BARS_HEIGHT + 18;
const HEIGHT = AXIS_Y + 8;

interface ChartProps {
	months: MrrMonth[];
	currency: string;
}

/** The SVG itself: MRR at the end of each month as a line, the month's movements as stacked bars. */
function MrrSvg( { months, currency }: ChartProps ) {
	const titleId = useUniqueId( 'cuadra-mrr-chart-title' );
	const descId = useUniqueId( 'cuadra-mrr-chart-desc' );
	const slot = ( WIDTH - LEFT - RIGHT ) / Math.max( months.length, 1 );
	const centre = ( index: number ) => LEFT + ( slot * index ) + ( slot / 2 );

	const mrrTicks = ticksUpTo( Math.max( 0, ...months.map( ( month ) => month.mrr ) ), 3 );
	const mrrMax = mrrTicks[ mrrTicks.length - 1 ] ?? 1;
	const mrrY = ( value: number ) => LINE_TOP + LINE_HEIGHT - ( ( Math.max( value, 0 ) / mrrMax ) * LINE_HEIGHT );

	const gains = ( month: MrrMonth ) => GAINS.reduce( ( sum, key ) => sum + Math.max( month[ key ], 0 ), 0 );
	const losses = ( month: MrrMonth ) => LOSSES.reduce( ( sum, key ) => sum + Math.min( month[ key ], 0 ), 0 );
	const maxGain = Math.max( 0, ...months.map( gains ) );
	const maxLoss = Math.max( 0, ...months.map( ( month ) => -losses( month ) ) );
	// Zero sits where the gains' and losses' shares of the range meet (in the middle when both are 0).
	const total = maxGain + maxLoss;
	const zeroY = BARS_TOP + ( total > 0 ? ( maxGain / total ) * BARS_HEIGHT : BARS_HEIGHT / 2 );
	const barScale = total > 0 ? BARS_HEIGHT / total : 0;
	const barWidth = Math.min( 28, slot * 0.55 );

	const points = months.map( ( month, index ) => `${ centre( index ).toFixed( 1 ) },${ mrrY( month.mrr ).toFixed( 1 ) }` );
	const first = months[ 0 ];
	const last = months[ months.length - 1 ];

	const stack = ( month: MrrMonth, index: number, keys: Movement[], sign: 1 | -1 ) => {
		let offset = 0;
		return keys.map( ( key ) => {
			const value = Math.abs( month[ key ] );
			if ( value === 0 || ( sign === 1 ? month[ key ] < 0 : month[ key ] > 0 ) ) {
				return null;
			}
			const height = Math.max( value * barScale, 1 );
			const y = sign === 1 ? zeroY - offset - height : zeroY + offset;
			offset += height;
			return (
				<rect
					key={ key }
					className={ `cuadra-mrr-chart__bar cuadra-mrr-chart__bar--${ key }` }
					x={ ( centre( index ) - ( barWidth / 2 ) ).toFixed( 1 ) }
					y={ y.toFixed( 1 ) }
					width={ barWidth.toFixed( 1 ) }
					height={ height.toFixed( 1 ) }
				/>
			);
		} );
	};

	return (
		<svg
			className="cuadra-mrr-chart__svg"
			viewBox={ `0 0 ${ WIDTH } ${ HEIGHT }` }
			role="img"
			aria-labelledby={ `${ titleId } ${ descId }` }
			preserveAspectRatio="xMidYMid meet"
		>
			<title id={ titleId }>{ __( 'MRR and its movements, month by month', 'cuadra' ) }</title>
			<desc id={ descId }>
				{ first && last
					? sprintf(
						/* translators: 1: first month, 2: MRR then, 3: last month, 4: MRR now */
						__( 'MRR went from %2$s in %1$s to %4$s in %3$s. Every figure is in the table that follows.', 'cuadra' ),
						formatMonth( first.month ),
						formatMoney( first.mrr, currency ),
						formatMonth( last.month ),
						formatMoney( last.mrr, currency )
					)
					: '' }
			</desc>

			{ mrrTicks.map( ( tick ) => (
				<g key={ `mrr-${ tick }` } className="cuadra-mrr-chart__grid">
					<line x1={ LEFT } x2={ WIDTH - RIGHT } y1={ mrrY( tick ) } y2={ mrrY( tick ) } />
					<text x={ LEFT - 8 } y={ mrrY( tick ) + 4 } textAnchor="end">
						{ formatCompactMoney( tick, currency ) }
					</text>
				</g>
			) ) }
			<text className="cuadra-mrr-chart__panel-label" x={ LEFT } y={ LINE_TOP - 4 }>
				{ __( 'MRR', 'cuadra' ) }
			</text>
			<polyline className="cuadra-mrr-chart__line" points={ points.join( ' ' ) } />
			{ months.map( ( month, index ) => (
				<circle
					key={ month.month }
					className="cuadra-mrr-chart__point"
					cx={ centre( index ).toFixed( 1 ) }
					cy={ mrrY( month.mrr ).toFixed( 1 ) }
					r={ 3.5 }
				/>
			) ) }

			<text className="cuadra-mrr-chart__panel-label" x={ LEFT } y={ BARS_TOP - 8 }>
				{ __( 'Movements', 'cuadra' ) }
			</text>
			<g className="cuadra-mrr-chart__grid">
				<line x1={ LEFT } x2={ WIDTH - RIGHT } y1={ zeroY } y2={ zeroY } className="cuadra-mrr-chart__zero" />
				<text x={ LEFT - 8 } y={ zeroY + 4 } textAnchor="end">
					{ formatCompactMoney( 0, currency ) }
				</text>
				{ maxGain > 0 && (
					<text x={ LEFT - 8 } y={ BARS_TOP + 8 } textAnchor="end">
						{ `+${ formatCompactMoney( maxGain, currency ) }` }
					</text>
				) }
				{ maxLoss > 0 && (
					<text x={ LEFT - 8 } y={ BARS_TOP + BARS_HEIGHT } textAnchor="end">
						{ `−${ formatCompactMoney( maxLoss, currency ) }` }
					</text>
				) }
			</g>
			{ months.map( ( month, index ) => (
				<g key={ month.month } className="cuadra-mrr-chart__month">
					<title>
						{ [
							`${ formatMonth( month.month ) }: ${ formatMoney( month.mrr, currency ) }`,
							...[ ...GAINS, ...LOSSES ]
								.filter( ( key ) => month[ key ] !== 0 )
								.map( ( key ) => `${ movementLabel( key ) } ${ formatSignedMoney( month[ key ], currency ) }` ),
						].join( '\n' ) }
					</title>
					{ /* A transparent column, so hovering anywhere over the month shows its figures. */ }
					<rect
						className="cuadra-mrr-chart__hover"
						x={ ( LEFT + ( slot * index ) ).toFixed( 1 ) }
						y={ LINE_TOP }
						width={ slot.toFixed( 1 ) }
						height={ AXIS_Y - LINE_TOP }
					/>
					{ stack( month, index, GAINS, 1 ) }
					{ stack( month, index, LOSSES, -1 ) }
					<text className="cuadra-mrr-chart__month-label" x={ centre( index ).toFixed( 1 ) } y={ AXIS_Y } textAnchor="middle">
						{ formatMonth( month.month, index === 0 || month.month.endsWith( '-01' ) ) }
					</text>
				</g>
			) ) }
		</svg>
	);
}

/** The same figures as a table: the chart's text alternative, and handy for copying. */
function MrrTable( { months, currency }: ChartProps ) {
	const money = ( value: number ) => formatMoney( value, currency );
	return (
		<table className="widefat striped cuadra-mrr-chart__table">
			<caption className="screen-reader-text">
				{ __( 'MRR at the end of each month and its movements', 'cuadra' ) }
			</caption>
			<thead>
				<tr>
					<th scope="col">{ __( 'Month', 'cuadra' ) }</th>
					<th scope="col" className="cuadra-amount">
						{ __( 'MRR', 'cuadra' ) }
					</th>
					{ [ ...GAINS, ...LOSSES ].map( ( key ) => (
						<th key={ key } scope="col" className="cuadra-amount">
							{ movementLabel( key ) }
						</th>
					) ) }
				</tr>
			</thead>
			<tbody>
				{ months.map( ( month ) => (
					<tr key={ month.month }>
						<th scope="row">{ formatMonth( month.month ) }</th>
						<td className="cuadra-amount">{ money( month.mrr ) }</td>
						{ [ ...GAINS, ...LOSSES ].map( ( key ) => (
							<td key={ key } className="cuadra-amount">
								{ month[ key ] === 0 ? '—' : money( month[ key ] ) }
							</td>
						) ) }
					</tr>
				) ) }
			</tbody>
		</table>
	);
}

interface MrrChartCardProps {
	history: Loadable< MrrHistory >;
}

/** Twelve months of MRR, as a chart or, at the press of a button, as a table. */
export function MrrChartCard( { history }: MrrChartCardProps ) {
	const [ asTable, setAsTable ] = useState( false );
	const tableId = useUniqueId( 'cuadra-mrr-table' );

	let content;
	if ( history === undefined ) {
		content = <Spinner />;
	} else if ( ! history.ok ) {
		content = (
			<Notice status="error" isDismissible={ false }>
				{ history.message }
			</Notice>
		);
	} else if ( history.data.months.length === 0 ) {
		content = <p>{ __( 'No history yet.', 'cuadra' ) }</p>;
	} else {
		const { months, currency } = history.data;
		content = (
			<Fragment>
				{ ! asTable && (
					<div className="cuadra-mrr-chart__figure">
						<MrrSvg months={ months } currency={ currency } />
						<ul className="cuadra-mrr-chart__legend">
							<li>
								<span className="cuadra-mrr-chart__swatch cuadra-mrr-chart__swatch--line" aria-hidden="true" />
								{ __( 'MRR at the end of the month', 'cuadra' ) }
							</li>
							{ [ ...GAINS, ...LOSSES ].map( ( key ) => (
								<li key={ key }>
									<span className={ `cuadra-mrr-chart__swatch cuadra-mrr-chart__swatch--${ key }` } aria-hidden="true" />
									{ movementLabel( key ) }
								</li>
							) ) }
						</ul>
					</div>
				) }
				{ /* Hidden from sight only: screen readers always have the table. */ }
				<div
					id={ tableId }
					className={ `cuadra-mrr-chart__table-wrap${ asTable ? '' : ' screen-reader-text' }` }
				>
					<MrrTable months={ months } currency={ currency } />
				</div>
			</Fragment>
		);
	}

	return (
		<Card className="cuadra-card cuadra-mrr-chart">
			<CardHeader>
				<h2 className="cuadra-card__title">{ __( 'MRR, last 12 months', 'cuadra' ) }</h2>
				{ history?.ok && history.data.months.length > 0 && (
					<Button variant="tertiary" aria-expanded={ asTable } aria-controls={ tableId } onClick={ () => setAsTable( ! asTable ) }>
						{ asTable ? __( 'Show as chart', 'cuadra' ) : __( 'Show as table', 'cuadra' ) }
					</Button>
				) }
			</CardHeader>
			<CardBody>{ content }</CardBody>
		</Card>
	);
}

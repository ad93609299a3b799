// Axis arithmetic for the MRR chart: round tick values, so the gridlines read 0, 5.000, 10.000 €.

/**
 * The smallest "round" number (1, 2 or 5 × a power of ten) at or above a value.
 *
 * @param value A positive number.
 */
export function niceCeiling( value: number ): number {
	if ( ! Number.isFinite( value ) || value <= 0 ) {
		return 1;
	}
	const power = 10 ** Math.floor( Math.log10( value ) );
	for ( const step of [ 1, 2, 2.5, 5, 10 ] ) {
		if ( step * power >= value ) {
			return step * power;
		}
	}
	return 10 * power;
}

/**
 * Evenly spaced ticks from 0 to a round maximum at or above `max`.
 *
 * @param max   Largest value to show.
 * @param count Number of intervals.
 */
export function ticksUpTo( max: number, count = 4 ): number[] {
	const step = niceCeiling( Math.max( max, 1 ) / count );
	return Array.from( { length: count + 1 }, ( _, index ) => index * step );
}

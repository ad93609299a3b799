// A department's colour on badges, stripes and filters, with text that stays readable on it.

const HEX = /^#[0-9a-f]{6}$/i;
const NEUTRAL = '#8c8f94';

/**
 * The colour if it is a #rrggbb value (what the service stores), else WordPress grey.
 *
 * @param colour The department's colour.
 */
export function safeColour( colour: string | null | undefined ): string {
	return colour && HEX.test( colour ) ? colour.toLowerCase() : NEUTRAL;
}

/**
 * Black or white, whichever contrasts more with the colour (WCAG relative luminance).
 *
 * @param colour Background colour.
 */
export function textColourOn( colour: string ): string {
	const hex = safeColour( colour );
	const channel = ( index: number ) => {
		const value = parseInt( hex.slice( 1 + ( index * 2 ), 3 + ( index * 2 ) ), 16 ) / 255;
		return value <= 0.03928 ? value / 12.92 : ( ( value + 0.055 ) / 1.055 ) ** 2.4;
	};
	const luminance = ( 0.2126 * channel( 0 ) ) + ( 0.7152 * channel( 1 ) ) + ( 0.0722 * channel( 2 ) );
	return luminance > 0.179 ? '#1e1e1e' : '#ffffff';
}

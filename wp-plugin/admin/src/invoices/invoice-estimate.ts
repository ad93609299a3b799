// A preview of the totals while the user types, with the service's rule (round per line, then per
// rate) on exact integers. The service's own totals replace it as soon as the draft is saved.
import type {
	DraftInput,
	InvoiceTotals,
	LineVat,
	TaxSummaryRow,
} from '../api/billing-types';

const SCALE = BigInt( 10000 );
const ZERO = BigInt( 0 );
const TWO = BigInt( 2 );

const RECARGO_BASIS_POINTS: Record< number, number > = {
	21: 520,
	10: 140,
	4: 50,
	0: 0,
};

/**
 * "1.5" with 4 decimals → 15000n; null when it is not such a decimal.
 *
 * @param value    Decimal string.
 * @param decimals Decimals kept.
 */
function scaled( value: string, decimals: number ): bigint | null {
	const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec( value );
	if ( ! match || ( match[ 3 ] ?? '' ).length > decimals ) {
		return null;
	}
	const digits = `${ match[ 2 ] }${ ( match[ 3 ] ?? '' ).padEnd( decimals, '0' ) }`;
	const number = BigInt( digits );
	return match[ 1 ] === '-' ? -number : number;
}

/**
 * n / d rounded half away from zero.
 *
 * @param n Numerator.
 * @param d Positive denominator.
 */
function divideRounded( n: bigint, d: bigint ): bigint {
	const negative = n < ZERO;
	const magnitude = negative ? -n : n;
	const rounded = ( ( magnitude * TWO ) + d ) / ( d * TWO );
	return negative ? -rounded : rounded;
}

function vatBasisPoints( vat: LineVat ): number | null {
	if ( typeof vat !== 'number' ) {
		return /^E[1-6]$/.test( vat.exempt ) ? 0 : null;
	}
	return vat in RECARGO_BASIS_POINTS ? vat * 100 : null;
}

export interface InvoiceEstimate {
	/** Each line's base, or null where the line cannot be read yet. */
	lineBases: Array< number | null >;
	/** Null until every line can be read. */
	totals: InvoiceTotals | null;
	taxSummary: TaxSummaryRow[];
}

interface Group {
	vat: LineVat;
	vatBp: number;
	recargoBp: number;
	amount: bigint;
}

function percentText( basisPoints: number ): string {
	return String( basisPoints / 100 );
}

/**
 * Estimates the totals of a draft.
 *
 * @param draft The draft as it would be sent.
 */
export function estimateInvoice( draft: DraftInput ): InvoiceEstimate {
	const inclusive = draft.prices_include_tax;
	const groups = new Map< string, Group >();
	const lineBases: Array< number | null > = [];
	let irpfBase = ZERO;
	let readable = draft.lines.length > 0;

	for ( const line of draft.lines ) {
		const quantity = scaled( line.quantity, 4 );
		const price = scaled( line.unit_price, 4 );
		const discount = scaled( line.discount_percent || '0', 2 );
		const vatBp = vatBasisPoints( line.vat );
		if (
			quantity === null ||
			price === null ||
			discount === null ||
			vatBp === null
		) {
			lineBases.push( null );
			readable = false;
			continue;
		}
		const recargoBp = line.recargo
			? RECARGO_BASIS_POINTS[ typeof line.vat === 'number' ? line.vat : 0 ] ?? 0
			: 0;
		// quantity × price × (1 − discount), scaled by 10^4 three times, rounded once.
		const amount = divideRounded(
			quantity * price * ( SCALE - discount ),
			SCALE * SCALE * SCALE
		);
		const base = inclusive
			? divideRounded(
				amount * SCALE,
				SCALE + BigInt( vatBp + recargoBp )
			)
			: amount;
		lineBases.push( Number( base ) );
		if ( line.irpf ) {
			irpfBase += base;
		}
		const key = `${ JSON.stringify( line.vat ) }|${ recargoBp }`;
		const group = groups.get( key ) ?? {
			vat: line.vat,
			vatBp,
			recargoBp,
			amount: ZERO,
		};
		group.amount += amount;
		groups.set( key, group );
	}

	const irpfPercent = scaled( draft.irpf_percent || '0', 2 );
	if ( ! readable || irpfPercent === null ) {
		return { lineBases, totals: null, taxSummary: [] };
	}

	const taxSummary: TaxSummaryRow[] = [];
	let base = ZERO;
	let vat = ZERO;
	let recargo = ZERO;
	for ( const group of groups.values() ) {
		let groupBase = group.amount;
		let groupVat = divideRounded( groupBase * BigInt( group.vatBp ), SCALE );
		let groupRecargo = divideRounded(
			groupBase * BigInt( group.recargoBp ),
			SCALE
		);
		if ( inclusive ) {
			groupBase = divideRounded(
				group.amount * SCALE,
				SCALE + BigInt( group.vatBp + group.recargoBp )
			);
			groupVat = divideRounded( groupBase * BigInt( group.vatBp ), SCALE );
			groupRecargo = group.amount - groupBase - groupVat;
		}
		base += groupBase;
		vat += groupVat;
		recargo += groupRecargo;
		taxSummary.push( {
			vat: group.vat,
			vat_rate: percentText( group.vatBp ),
			recargo_rate: percentText( group.recargoBp ),
			base: Number( groupBase ),
			vat_amount: Number( groupVat ),
			recargo_amount: Number( groupRecargo ),
		} );
	}
	const irpf = divideRounded( irpfBase * irpfPercent, SCALE );
	return {
		lineBases,
		totals: {
			base: Number( base ),
			vat: Number( vat ),
			recargo: Number( recargo ),
			irpf: Number( irpf ),
			tax: Number( vat + recargo ),
			total: Number( base + vat + recargo - irpf ),
		},
		taxSummary,
	};
}

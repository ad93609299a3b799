import { SelectControl } from '@wordpress/components';
import { createElement } from '@wordpress/element';

interface FilterOption {
	value: string;
	label: string;
}

interface FilterSelectProps {
	/** e.g. "cuadra-filters__status". */
	className: string;
	label: string;
	value: string;
	/** Label of the first option, with the empty value, that turns the filter off ("All statuses"). */
	allLabel?: string;
	options: FilterOption[];
	onChange: ( value: string ) => void;
}

/** One select of a list screen's filter bar (`.cuadra-filters`). */
export function FilterSelect( { className, label, value, allLabel, options, onChange }: FilterSelectProps ) {
	return (
		<SelectControl
			__nextHasNoMarginBottom
			className={ className }
			label={ label }
			value={ value }
			options={ allLabel === undefined ? options : [ { value: '', label: allLabel }, ...options ] }
			onChange={ onChange }
		/>
	);
}

import { createElement } from '@wordpress/element';

interface FieldErrorProps {
	message: string;
}

/** A field's validation message; `.cuadra-field-error` is what tests and styles look for. */
export function FieldError( { message }: FieldErrorProps ) {
	return (
		<span className="cuadra-field-error" role="alert">
			{ message }
		</span>
	);
}

import { useRef } from '@wordpress/element';

let counter = 0;

/**
 * An id that stays the same for the life of the component, to tie labels and messages to controls.
 *
 * @param prefix Readable prefix.
 */
export function useUniqueId( prefix: string ): string {
	const id = useRef< string | null >( null );
	if ( id.current === null ) {
		counter += 1;
		id.current = `${ prefix }-${ counter }`;
	}
	return id.current;
}

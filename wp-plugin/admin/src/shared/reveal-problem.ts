/**
 * After a failed save, brings the first field marked invalid (or else the form's notice) into view
 * and focuses the field: the button that was pressed may be far from what needs fixing.
 *
 * @param root           The form's root element.
 * @param noticeSelector Where the form's notice is.
 */
export function revealProblem( root: HTMLElement | null, noticeSelector: string ): void {
	window.requestAnimationFrame( () => {
		const field = root?.querySelector< HTMLElement >( '[aria-invalid="true"]' );
		if ( field ) {
			field.scrollIntoView( { block: 'center' } );
			field.focus( { preventScroll: true } );
			return;
		}
		root?.querySelector( noticeSelector )?.scrollIntoView( { block: 'center' } );
	} );
}

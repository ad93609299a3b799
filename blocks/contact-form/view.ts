// Progressive enhancement of the server-rendered form: send without reloading, show the server's
// field errors inline. Every text shown comes from the server (data attributes or the answer), so no
// translation library is shipped to visitors. Without this script the form still posts and redirects.
import './view.css';

interface Answer {
	status?: string;
	message?: string;
	redirect?: string;
	token?: string;
	errors?: Array< { field: string; message: string } >;
}

const PREFIX = 'cuadra-form__';

function clearErrors( form: HTMLFormElement ) {
	form.querySelectorAll( '[aria-invalid]' ).forEach( ( input ) => {
		input.removeAttribute( 'aria-invalid' );
		const describedBy = ( input.getAttribute( 'aria-describedby' ) ?? '' )
			.split( ' ' )
			.filter( ( id ) => ! id.endsWith( '-error' ) )
			.join( ' ' );
		if ( describedBy ) {
			input.setAttribute( 'aria-describedby', describedBy );
		} else {
			input.removeAttribute( 'aria-describedby' );
		}
	} );
	form.querySelectorAll< HTMLElement >( `.${ PREFIX }error` ).forEach( ( p ) => {
		p.hidden = true;
		p.textContent = '';
	} );
}

function showErrors( form: HTMLFormElement, summary: HTMLElement, answer: Answer ) {
	const list = document.createElement( 'ul' );
	for ( const { field, message } of answer.errors ?? [] ) {
		const wrapper = form.querySelector( `[data-field="${ field }"]` );
		const error = wrapper?.querySelector< HTMLElement >( `.${ PREFIX }error` );
		const item = list.appendChild( document.createElement( 'li' ) );
		if ( ! wrapper || ! error ) {
			item.textContent = message;
			continue;
		}
		error.textContent = message;
		error.hidden = false;
		wrapper.querySelectorAll( 'input,select,textarea' ).forEach( ( input ) => {
			input.setAttribute( 'aria-invalid', 'true' );
			const describedBy = input.getAttribute( 'aria-describedby' );
			input.setAttribute( 'aria-describedby', describedBy ? `${ describedBy } ${ error.id }` : error.id );
		} );
		const link = item.appendChild( document.createElement( 'a' ) );
		link.href = `#${ wrapper.querySelector( 'input,select,textarea' )?.id }`;
		link.textContent = message;
	}
	const heading = document.createElement( 'p' );
	heading.textContent = answer.message ?? '';
	summary.replaceChildren( heading, list );
	summary.hidden = false;
	summary.focus();
}

function enhance( form: HTMLFormElement ) {
	const summary = form.querySelector< HTMLElement >( `.${ PREFIX }summary` )!;
	const button = form.querySelector< HTMLButtonElement >( '[type=submit]' )!;
	form.addEventListener( 'submit', async ( event ) => {
		event.preventDefault();
		if ( button.disabled ) {
			return;
		}
		clearErrors( form );
		button.disabled = true;
		let answer: Answer;
		try {
			const response = await fetch( form.dataset.endpoint!, { method: 'POST', body: new FormData( form ) } );
			answer = ( await response.json() ) as Answer;
		} catch {
			answer = { message: form.dataset.failed };
		}
		button.disabled = false;
		if ( answer.redirect ) {
			window.location.assign( answer.redirect );
		} else if ( answer.status === 'sent' ) {
			const done = document.createElement( 'div' );
			done.className = `${ PREFIX }done`;
			done.setAttribute( 'role', 'status' );
			done.tabIndex = -1;
			done.textContent = answer.message ?? '';
			form.replaceWith( done );
			done.focus();
		} else {
			if ( answer.token ) {
				form.querySelector< HTMLInputElement >( '[name=cuadra_token]' )!.value = answer.token;
			}
			showErrors( form, summary, answer );
		}
	} );
}

document.querySelectorAll< HTMLFormElement >( `form.${ PREFIX }form` ).forEach( enhance );

/** The user's language as WordPress prints it on <html lang> (es-ES for a Spanish admin). */
export function userLocale(): string {
	return document.documentElement.lang || 'en';
}

let separator: { locale: string; value: string } | undefined;

/** "," for es-ES, "." for en-US: how numbers are shown and typed in the user's language. */
export function decimalSeparator(): string {
	const locale = userLocale();
	if ( separator?.locale !== locale ) {
		let value = '.';
		try {
			value =
				new Intl.NumberFormat( locale )
					.formatToParts( 1.5 )
					.find( ( part ) => part.type === 'decimal' )?.value ?? '.';
		} catch {
			// An unknown locale keeps the dot.
		}
		separator = { locale, value };
	}
	return separator.value;
}

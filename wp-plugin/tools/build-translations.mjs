// Compiles languages/cuadra-es_ES.po (the hand-written source of truth) into what WordPress loads:
//  - cuadra-es_ES.mo for PHP (load_plugin_textdomain);
//  - cuadra-es_ES-<md5>.json in Jed 1.x format for the admin script (wp_set_script_translations).
// load_script_textdomain() looks for "<domain>-<locale>-<md5 of the script path relative to the
// plugin directory>.json", here md5("build/admin/index.js").
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import gettextParser from 'gettext-parser';

const pluginDir = path.dirname( path.dirname( fileURLToPath( import.meta.url ) ) );
const languagesDir = path.join( pluginDir, 'languages' );
const DOMAIN = 'cuadra';

// Each built script and the sources bundled into it (matched against the .po "#:" references).
const SCRIPTS = [
	{ file: 'build/admin/index.js', sourcePrefix: 'admin/src/' },
	// The blocks' editor script (sources in the repository's blocks/ folder).
	{ file: 'build/blocks/contact-form/index.js', sourcePrefix: 'blocks/' },
];

export function scriptTranslationFileName( locale, scriptPath ) {
	const relative = scriptPath.replace( /\.min\.js$/, '.js' );
	return `${ DOMAIN }-${ locale }-${ createHash( 'md5' ).update( relative ).digest( 'hex' ) }.json`;
}

function isTranslated( item ) {
	const fuzzy = /\bfuzzy\b/.test( item.comments?.flag ?? '' );
	return item.msgid !== '' && ! fuzzy && item.msgstr.length > 0 && item.msgstr.every( ( text ) => text !== '' );
}

function references( item ) {
	return ( item.comments?.reference ?? '' ).split( /\s+/ ).filter( Boolean );
}

function jedLocaleData( po, locale, sourcePrefix ) {
	const messages = {
		'': {
			domain: 'messages',
			lang: locale,
			'plural-forms': po.headers[ 'Plural-Forms' ] ?? 'nplurals=2; plural=(n != 1);',
		},
	};
	for ( const [ context, items ] of Object.entries( po.translations ) ) {
		for ( const item of Object.values( items ) ) {
			if ( ! isTranslated( item ) || ! references( item ).some( ( ref ) => ref.startsWith( sourcePrefix ) ) ) {
				continue;
			}
			const key = context ? `${ context }\u0004${ item.msgid }` : item.msgid;
			messages[ key ] = item.msgstr;
		}
	}
	return messages;
}

function buildLocale( poFile ) {
	const locale = poFile.slice( DOMAIN.length + 1, -'.po'.length );
	const po = gettextParser.po.parse( readFileSync( path.join( languagesDir, poFile ) ) );

	// The .mo keeps only finished translations, so PHP falls back to English for the rest.
	const complete = { ...po, translations: {} };
	for ( const [ context, items ] of Object.entries( po.translations ) ) {
		complete.translations[ context ] = Object.fromEntries(
			Object.entries( items ).filter( ( [ msgid, item ] ) => msgid === '' || isTranslated( item ) )
		);
	}
	writeFileSync( path.join( languagesDir, `${ DOMAIN }-${ locale }.mo` ), gettextParser.mo.compile( complete ) );

	// Stale JSON files (from a renamed script) would never be loaded; remove them.
	for ( const name of readdirSync( languagesDir ) ) {
		if ( name.startsWith( `${ DOMAIN }-${ locale }-` ) && name.endsWith( '.json' ) ) {
			unlinkSync( path.join( languagesDir, name ) );
		}
	}
	const written = [];
	for ( const script of SCRIPTS ) {
		const jed = {
			'translation-revision-date': po.headers[ 'PO-Revision-Date' ] ?? '',
			generator: 'cuadra/tools/build-translations.mjs',
			source: script.file,
			domain: 'messages',
			locale_data: { messages: jedLocaleData( po, locale, script.sourcePrefix ) },
		};
		const name = scriptTranslationFileName( locale, script.file );
		writeFileSync( path.join( languagesDir, name ), JSON.stringify( jed ) );
		written.push( `${ name } (${ Object.keys( jed.locale_data.messages ).length - 1 } strings)` );
	}
	console.log( `${ locale }: ${ DOMAIN }-${ locale }.mo, ${ written.join( ', ' ) }` );
}

const poFiles = readdirSync( languagesDir ).filter( ( name ) => name.startsWith( `${ DOMAIN }-` ) && name.endsWith( '.po' ) );
poFiles.forEach( buildLocale );

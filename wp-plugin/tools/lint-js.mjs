// Runs the ESLint 8 that @wordpress/scripts 27 ships, like `wp-scripts lint-js` does.
// `wp-scripts lint-js` itself resolves `eslint` from the repository root, where the service's
// ESLint 9 is hoisted; ESLint 9 cannot run @wordpress/eslint-plugin 18 (context.getScope is gone).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = path.dirname( path.dirname( fileURLToPath( import.meta.url ) ) );
const require = createRequire( path.join( pluginDir, 'package.json' ) );
const fromScripts = createRequire( require.resolve( '@wordpress/scripts/package.json' ) );

const eslintPackage = fromScripts.resolve( 'eslint/package.json' );
const eslintMajor = Number( fromScripts( 'eslint/package.json' ).version.split( '.' )[ 0 ] );
if ( eslintMajor !== 8 ) {
	console.error( `Expected ESLint 8 next to @wordpress/scripts, found ${ eslintMajor }.` );
	process.exit( 2 );
}
const eslintBin = path.join( path.dirname( eslintPackage ), 'bin', 'eslint.js' );
const wordpressPluginDir = path.dirname( require.resolve( '@wordpress/eslint-plugin/package.json' ) );
const defaultIgnore = path.join( path.dirname( require.resolve( '@wordpress/scripts/package.json' ) ), 'config', '.eslintignore' );

const files = process.argv.slice( 2 );
const result = spawnSync(
	process.execPath,
	[
		eslintBin,
		'--ext',
		'js,jsx,ts,tsx',
		'--ignore-path',
		defaultIgnore,
		// Plugins such as eslint-plugin-react-hooks are nested under @wordpress/eslint-plugin.
		'--resolve-plugins-relative-to',
		wordpressPluginDir,
		...( files.length ? files : [ 'admin/src' ] ),
	],
	{ cwd: pluginDir, stdio: 'inherit', env: { ...process.env, ESLINT_USE_FLAT_CONFIG: 'false' } }
);
process.exit( result.status ?? 1 );

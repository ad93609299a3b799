<?php
/**
 * The Cuadra admin menu and the React screens behind it.
 *
 * @package Cuadra
 */

namespace Cuadra\Admin;

use Cuadra\Capabilities;

defined( 'ABSPATH' ) || exit;

/**
 * Top-level "Cuadra" (Home) and "Settings"; each page is a shell the admin app mounts into.
 */
final class Menu {

	const HOME_SLUG     = 'cuadra';
	const SETTINGS_SLUG = 'cuadra-settings';
	const SCRIPT_HANDLE = 'cuadra-admin';

	/**
	 * Hook suffixes of our pages, to enqueue the app there only.
	 *
	 * @var string[]
	 */
	private $page_hooks = array();

	/**
	 * Hooks into WordPress.
	 */
	public function register() {
		add_action( 'admin_menu', array( $this, 'add_pages' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue_app' ) );
	}

	/**
	 * Whether the current admin request shows one of Cuadra's pages.
	 *
	 * @return bool
	 */
	public static function is_cuadra_page() {
		global $plugin_page;
		return is_admin() && in_array( $plugin_page, array( self::HOME_SLUG, self::SETTINGS_SLUG ), true );
	}

	/**
	 * URL of the Settings page.
	 *
	 * @return string
	 */
	public static function settings_url() {
		return admin_url( 'admin.php?page=' . self::SETTINGS_SLUG );
	}

	/**
	 * URL of the Home page.
	 *
	 * @return string
	 */
	public static function home_url() {
		return admin_url( 'admin.php?page=' . self::HOME_SLUG );
	}

	/**
	 * admin_menu: anyone with a Cuadra capability sees Home; Settings needs cuadra_manage.
	 */
	public function add_pages() {
		$home_capability = Capabilities::first_held_by_current_user();

		$this->page_hooks[] = add_menu_page(
			'Cuadra',
			'Cuadra',
			$home_capability,
			self::HOME_SLUG,
			array( $this, 'render_home' ),
			'dashicons-money-alt',
			56
		);
		// Repeating the parent slug names the first submenu entry "Home" instead of "Cuadra".
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			'Cuadra',
			__( 'Home', 'cuadra' ),
			$home_capability,
			self::HOME_SLUG,
			array( $this, 'render_home' )
		);
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			__( 'Cuadra settings', 'cuadra' ),
			__( 'Settings', 'cuadra' ),
			Capabilities::MANAGE,
			self::SETTINGS_SLUG,
			array( $this, 'render_settings' )
		);
		$this->page_hooks = array_values( array_filter( $this->page_hooks ) );
	}

	/**
	 * Home page shell.
	 */
	public function render_home() {
		if ( ! Capabilities::current_user_has_any() ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to access Cuadra.', 'cuadra' ), 403 );
		}
		$this->render_shell( 'cuadra-home-root' );
	}

	/**
	 * Settings page shell.
	 */
	public function render_settings() {
		if ( ! current_user_can( Capabilities::MANAGE ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change Cuadra\'s settings.', 'cuadra' ), 403 );
		}
		$this->render_shell( 'cuadra-settings-root' );
	}

	/**
	 * The element the admin app mounts into, with what it needs to know about the current user.
	 *
	 * @param string $root_id Element id.
	 */
	private function render_shell( $root_id ) {
		?>
		<div class="wrap cuadra-admin">
			<div
				id="<?php echo esc_attr( $root_id ); ?>"
				data-can-manage="<?php echo current_user_can( Capabilities::MANAGE ) ? '1' : '0'; ?>"
				data-settings-url="<?php echo esc_url( self::settings_url() ); ?>"
			></div>
			<noscript><p><?php esc_html_e( 'Cuadra\'s screens need JavaScript. Turn it on in your browser to continue.', 'cuadra' ); ?></p></noscript>
		</div>
		<?php
	}

	/**
	 * admin_enqueue_scripts: the built admin app, its WordPress dependencies and its Spanish strings.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public function enqueue_app( $hook_suffix ) {
		if ( ! in_array( $hook_suffix, $this->page_hooks, true ) ) {
			return;
		}

		$asset_file = CUADRA_PLUGIN_DIR . 'build/admin/index.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return; // Not built yet (npm run build --workspace wp-plugin).
		}
		$asset = require $asset_file;

		wp_enqueue_script(
			self::SCRIPT_HANDLE,
			plugins_url( 'build/admin/index.js', CUADRA_PLUGIN_FILE ),
			$asset['dependencies'],
			$asset['version'],
			true
		);
		wp_set_script_translations( self::SCRIPT_HANDLE, 'cuadra', CUADRA_PLUGIN_DIR . 'languages' );

		wp_enqueue_style( 'wp-components' );
		if ( is_readable( CUADRA_PLUGIN_DIR . 'build/admin/index.css' ) ) {
			wp_enqueue_style(
				self::SCRIPT_HANDLE,
				plugins_url( 'build/admin/index.css', CUADRA_PLUGIN_FILE ),
				array( 'wp-components' ),
				$asset['version']
			);
		}
	}
}

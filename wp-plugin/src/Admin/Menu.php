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
 * Top-level "Cuadra" (Home), "Invoices", "Recurring", "Customers" and "Settings"; each page is a shell
 * the admin app mounts into.
 */
final class Menu {

	const HOME_SLUG      = 'cuadra';
	const INVOICES_SLUG  = 'cuadra-invoices';
	const RECURRING_SLUG = 'cuadra-recurring';
	const CUSTOMERS_SLUG = 'cuadra-customers';
	const TICKETS_SLUG   = 'cuadra-tickets';
	const ORDERS_SLUG    = 'cuadra-orders';
	const SETTINGS_SLUG  = 'cuadra-settings';
	const SCRIPT_HANDLE  = 'cuadra-admin';

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
		return is_admin() && in_array( $plugin_page, array( self::HOME_SLUG, self::INVOICES_SLUG, self::RECURRING_SLUG, self::CUSTOMERS_SLUG, self::TICKETS_SLUG, self::SETTINGS_SLUG, self::ORDERS_SLUG ), true );
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
	 * URL of the Invoices page.
	 *
	 * @return string
	 */
	public static function invoices_url() {
		return admin_url( 'admin.php?page=' . self::INVOICES_SLUG );
	}

	/**
	 * URL of the Recurring page.
	 *
	 * @return string
	 */
	public static function recurring_url() {
		return admin_url( 'admin.php?page=' . self::RECURRING_SLUG );
	}

	/**
	 * URL of the Customers page.
	 *
	 * @return string
	 */
	public static function customers_url() {
		return admin_url( 'admin.php?page=' . self::CUSTOMERS_SLUG );
	}

	/**
	 * URL of the Tickets page (the service's notification links assume this slug).
	 *
	 * @return string
	 */
	public static function tickets_url() {
		return admin_url( 'admin.php?page=' . self::TICKETS_SLUG );
	}

	/**
	 * URL of the Orders page (the service's notification links assume this slug: &order=ID).
	 *
	 * @return string
	 */
	public static function orders_url() {
		return admin_url( 'admin.php?page=' . self::ORDERS_SLUG );
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
	 * admin_menu: anyone with a Cuadra capability sees Home; Invoices, Recurring and Customers need cuadra_billing;
	 * Settings needs cuadra_manage.
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
			__( 'Invoices', 'cuadra' ),
			__( 'Invoices', 'cuadra' ),
			Capabilities::BILLING,
			self::INVOICES_SLUG,
			array( $this, 'render_invoices' )
		);
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			__( 'Recurring invoices', 'cuadra' ),
			__( 'Recurring', 'cuadra' ),
			Capabilities::BILLING,
			self::RECURRING_SLUG,
			array( $this, 'render_recurring' )
		);
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			__( 'Shop orders', 'cuadra' ),
			__( 'Orders', 'cuadra' ),
			Capabilities::BILLING,
			self::ORDERS_SLUG,
			array( $this, 'render_orders' )
		);
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			__( 'Customers', 'cuadra' ),
			__( 'Customers', 'cuadra' ),
			Capabilities::BILLING,
			self::CUSTOMERS_SLUG,
			array( $this, 'render_customers' )
		);
		$this->page_hooks[] = add_submenu_page(
			self::HOME_SLUG,
			__( 'Tickets', 'cuadra' ),
			__( 'Tickets', 'cuadra' ),
			Capabilities::SUPPORT,
			self::TICKETS_SLUG,
			array( $this, 'render_tickets' )
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
	 * Invoices page shell: list, editor and detail, switched by the query string.
	 */
	public function render_invoices() {
		$this->require_billing();
		$this->render_shell( 'cuadra-invoices-root', true );
	}

	/**
	 * Recurring page shell: list of templates and their editor, switched by the query string.
	 */
	public function render_recurring() {
		$this->require_billing();
		$this->render_shell( 'cuadra-recurring-root', true );
	}

	/**
	 * Customers page shell: list and editor.
	 */
	public function render_customers() {
		$this->require_billing();
		$this->render_shell( 'cuadra-customers-root', true );
	}

	/**
	 * Tickets page shell: inbox, one ticket, departments, metrics and lists, switched by the query string.
	 * The agents (users with cuadra_support) come with the page: the service knows no WordPress users.
	 */
	public function render_tickets() {
		if ( ! current_user_can( Capabilities::SUPPORT ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see tickets.', 'cuadra' ), 403 );
		}
		$privacy = array(
			'can-export-personal-data' => current_user_can( 'export_others_personal_data' ) ? '1' : '0',
			'can-erase-personal-data'  => current_user_can( 'erase_others_personal_data' ) ? '1' : '0',
		);
		$this->render_shell( 'cuadra-tickets-root', true, array_merge( SupportAgents::boot_data(), array( 'list-export-url' => ListExport::base_url() ), $privacy ) );
	}

	/**
	 * Orders page shell: pending shop orders, one order (?order=ID) and the stores (?view=stores).
	 */
	public function render_orders() {
		$this->require_billing();
		$this->render_shell( 'cuadra-orders-root', true, \Cuadra\Woo\SameSiteStore::boot_data() );
	}

	/**
	 * Stops pages about billing for people without cuadra_billing.
	 */
	private function require_billing() {
		if ( ! current_user_can( Capabilities::BILLING ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to see invoices and customers.', 'cuadra' ), 403 );
		}
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
	 * @param string               $root_id Element id.
	 * @param bool                 $wide    Whether the screen holds tables that use the whole width.
	 * @param array<string, mixed> $extra   More data-* attributes (name without "data-" => value; arrays as JSON).
	 */
	private function render_shell( $root_id, $wide = false, array $extra = array() ) {
		?>
		<div class="wrap cuadra-admin<?php echo $wide ? ' cuadra-admin--wide' : ''; ?>">
			<div
				id="<?php echo esc_attr( $root_id ); ?>"
				data-can-manage="<?php echo current_user_can( Capabilities::MANAGE ) ? '1' : '0'; ?>"
				data-can-bill="<?php echo current_user_can( Capabilities::BILLING ) ? '1' : '0'; ?>"
				data-settings-url="<?php echo esc_url( self::settings_url() ); ?>"
				data-invoices-url="<?php echo esc_url( self::invoices_url() ); ?>"
				data-customers-url="<?php echo esc_url( self::customers_url() ); ?>"
				data-recurring-url="<?php echo esc_url( self::recurring_url() ); ?>"
				data-pdf-url="<?php echo esc_url( current_user_can( Capabilities::BILLING ) ? InvoicePdf::base_url() : '' ); ?>"
				<?php foreach ( $extra as $name => $value ) : ?>
					data-<?php echo esc_attr( $name ); ?>="<?php echo esc_attr( is_array( $value ) ? (string) wp_json_encode( $value ) : (string) $value ); ?>"
				<?php endforeach; ?>
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

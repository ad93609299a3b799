<?php
// Non-interactive WordPress install for the test harness (adapted from the shared recipe):
//   WP_BASE_URL=http://127.0.0.1:PORT WP_ADMIN_PASSWORD=... WP_PLUGINS=a/a.php,b/b.php php wp-install.php /path/to/wp
// Exits non-zero when a plugin fails to activate, so the harness reports it instead of a blank admin page later.
$wpdir = $argv[1] ?? getcwd();
$base = getenv('WP_BASE_URL') ?: 'http://127.0.0.1:8081';
$_SERVER['HTTP_HOST'] = parse_url($base, PHP_URL_HOST) . ':' . (parse_url($base, PHP_URL_PORT) ?: 80);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $wpdir . '/wp-load.php';
// wp_install() mails the admin via wp_mail() -> /usr/sbin/sendmail (absent): pluggable, so stub it first
if (!function_exists('wp_new_blog_notification')) { function wp_new_blog_notification(...$a) {} }
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if (!is_blog_installed()) {
    $r = wp_install('Cuadra Test Site', 'admin', 'admin@example.test', false /* public */, '', getenv('WP_ADMIN_PASSWORD') ?: 'admin-pass-123', 'en_US');
    echo "installed: user_id={$r['user_id']}\n";
} else {
    echo "already installed\n";
}
// Pretty permalinks: set_permalink_structure() re-inits $wp_rewrite first (update_option + flush would flush the old rules).
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
update_option('blog_public', '0');
update_option('show_avatars', '0');          // avoids gravatar.com requests (offline: console errors)
// Block editor: no Welcome Guide (it loads https://s.w.org/... -> console error offline, and a modal)
global $wpdb;
$admin = get_user_by('login', 'admin');
$prefs = get_user_meta($admin->ID, $wpdb->get_blog_prefix() . 'persisted_preferences', true) ?: array();
$prefs['core/edit-post'] = array_merge($prefs['core/edit-post'] ?? array(), array('welcomeGuide' => false));
$prefs['_modified'] = gmdate('c');
update_user_meta($admin->ID, $wpdb->get_blog_prefix() . 'persisted_preferences', $prefs);
flush_rewrite_rules(false);  // rules live in the DB option; no .htaccess under php -S

$failed = false;
foreach (array_filter(explode(',', getenv('WP_PLUGINS') ?: '')) as $plugin) {
    ob_start();
    $res = activate_plugin($plugin);      // runs the activation hook; returns WP_Error on failure
    $unexpected = ob_get_clean();
    if (is_wp_error($res)) {
        $failed = true;
        echo "activate $plugin FAILED: " . $res->get_error_message() . "\n";
    } else {
        echo "activated $plugin\n";
    }
    if ($unexpected !== '') {
        echo "activation of $plugin printed output: $unexpected\n";
    }
}
echo 'active_plugins=' . json_encode(get_option('active_plugins')) . "\n";
exit($failed ? 1 : 0);

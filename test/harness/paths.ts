import path from 'node:path';

// Every harness module resolves the repository from here, so tests run from any working directory.
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVICE_ENTRY = path.join(REPO_ROOT, 'service', 'dist', 'boot.js');
export const PLUGIN_SOURCE_DIR = path.join(REPO_ROOT, 'wp-plugin');
export const PLUGIN_ADMIN_BUNDLE = path.join(PLUGIN_SOURCE_DIR, 'build', 'admin', 'index.js');
export const HARNESS_PHP_DIR = path.join(__dirname, 'php');
export const DEBIAN_WORDPRESS_DIR = '/usr/share/wordpress';
export const CHROMIUM_PATH = process.env.CUADRA_CHROMIUM_PATH ?? '/usr/bin/chromium';

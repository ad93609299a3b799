// What the contact-form end-to-end test and benchmark share: a tiny classic theme (Debian's WordPress
// ships none, and a front end needs one), reading the plugin's tables, and posting the form the way
// a browser's FormData does.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningWordPress } from '../../harness';

/** A bare classic theme: wp_head, the content, wp_footer. Nothing of its own to load. */
export async function installBareTheme(wp: RunningWordPress): Promise<void> {
  const dir = path.join(wp.dir, 'wp-content', 'themes', 'cuadra-bare');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'style.css'), '/*\nTheme Name: Cuadra bare test theme\n*/\n');
  await writeFile(
    path.join(dir, 'index.php'),
    `<!doctype html><html <?php language_attributes(); ?>><head><meta charset="utf-8"><?php wp_head(); ?></head>
<body><main><?php while ( have_posts() ) { the_post(); echo '<h1>' . esc_html( get_the_title() ) . '</h1>'; the_content(); } ?></main><?php wp_footer(); ?></body></html>
`,
  );
  await writeFile(path.join(dir, 'functions.php'), "<?php\nadd_theme_support( 'title-tag' );\n");
  await wp.phpEval("switch_theme('cuadra-bare');");
}

export interface SubmissionRow {
  id: number;
  uuid: string;
  post_id: number;
  form_id: string;
  payload: string;
  status: 'queued' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  ticket_id: number | null;
}

export async function submissionRows(wp: RunningWordPress): Promise<SubmissionRow[]> {
  const rows = await wp.phpJson<Array<Record<string, string | null>>>(
    'global $wpdb; return $wpdb->get_results("SELECT * FROM {$wpdb->prefix}cuadra_submissions ORDER BY id", ARRAY_A);',
  );
  return rows.map((row) => ({
    ...(row as unknown as SubmissionRow),
    id: Number(row.id),
    post_id: Number(row.post_id),
    attempts: Number(row.attempts),
    ticket_id: row.ticket_id === null ? null : Number(row.ticket_id),
  }));
}

export async function spamLogCount(wp: RunningWordPress): Promise<number> {
  return Number(await wp.phpJson<string>('global $wpdb; return $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->prefix}cuadra_spam_log");'));
}

/** Empties the per-IP rate window, so each scenario starts with its own five submissions. */
export async function resetRateWindow(wp: RunningWordPress): Promise<void> {
  await wp.phpEval('global $wpdb; $wpdb->query("DELETE FROM {$wpdb->prefix}cuadra_form_hits");');
}

/** The hidden inputs a rendered form carries (post, form, time token). */
export async function formTokens(pageUrl: string): Promise<{ postId: string; formId: string; token: string }> {
  const html = await (await fetch(pageUrl)).text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const found = { postId: value('cuadra_post_id'), formId: value('cuadra_form_id'), token: value('cuadra_token') };
  if (!found.postId || !found.token) throw new Error(`no contact form at ${pageUrl}`);
  return found;
}

export interface ContactFields {
  name?: string;
  email?: string;
  phone?: string;
  subject?: string;
  message?: string;
  privacy?: boolean;
  marketing?: boolean;
  select_0?: string;
}

/** A multipart body as the browser's FormData sends it. */
export function formBody(
  form: { postId: string; formId: string; token: string },
  fields: ContactFields,
  extra: Record<string, string> = {},
): FormData {
  const body = new FormData();
  body.set('action', 'cuadra_contact_submit');
  body.set('cuadra_post_id', form.postId);
  body.set('cuadra_form_id', form.formId);
  body.set('cuadra_token', form.token);
  body.set('cuadra_website', '');
  for (const [name, value] of Object.entries(fields)) {
    if (value === false || value === undefined) continue;
    body.set(`cuadra[${name}]`, value === true ? '1' : value);
  }
  for (const [name, value] of Object.entries(extra)) body.set(name, value);
  return body;
}

export const CONTACT_FORM_MARKUP = (formId: string, extra = '') => `<!-- wp:cuadra/contact-form {"formId":"${formId}"${extra}} -->
<!-- wp:cuadra/field-name /-->
<!-- wp:cuadra/field-email /-->
<!-- wp:cuadra/field-subject /-->
<!-- wp:cuadra/field-message /-->
<!-- wp:cuadra/field-privacy /-->
<!-- /wp:cuadra/contact-form -->`;

/** Publishes a page and returns its id and address. */
export async function publishPage(wp: RunningWordPress, title: string, content: string): Promise<{ id: number; url: string }> {
  return wp.phpJson<{ id: number; url: string }>(`
    wp_set_current_user(1);
    $id = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title)},
      'post_content' => ${phpSingleQuoted(content)}), true);
    if (is_wp_error($id)) { return array('error' => $id->get_error_message()); }
    return array('id' => $id, 'url' => get_permalink($id));`);
}

function phpSingleQuoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

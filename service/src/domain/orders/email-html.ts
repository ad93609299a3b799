// A small, forgiving HTML reader for the e-mails WooCommerce sends: enough of a tree to find table
// rows, cells and <address> blocks, and their text. Not a general HTML parser: no scripts, no
// foreign content, unknown closing tags are ignored and table cells close each other as browsers do.
import { decodeEntities } from './store-order';

export interface HtmlElement {
  tag: string;
  attrs: Readonly<Record<string, string>>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['style', 'script', 'title', 'head']);
// Opening one of these closes open elements of the listed kinds first (HTML's implied end tags).
const CLOSES: Readonly<Record<string, readonly string[]>> = {
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['td', 'th', 'tr'],
  thead: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
  tbody: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
  tfoot: ['td', 'th', 'tr', 'thead', 'tbody', 'tfoot'],
  li: ['li'],
  p: ['p'],
};
const BLOCK = new Set([
  'address', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** The tree of an HTML document; never throws, whatever the input. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  const tagRe =
    /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/\s*([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  const text = (upTo: number) => {
    if (upTo > last) current.children.push(decodeEntities(html.slice(last, upTo)));
  };
  for (let m = tagRe.exec(html); m; m = tagRe.exec(html)) {
    text(m.index);
    last = tagRe.lastIndex;
    if (m[1]) {
      const tag = m[1].toLowerCase();
      let open: HtmlElement | null = current;
      while (open && open.tag !== tag) open = open.parent;
      if (open && open.parent) current = open.parent;
      continue;
    }
    if (!m[2]) continue; // comment, doctype, processing instruction
    const tag = m[2].toLowerCase();
    const closes = CLOSES[tag];
    if (closes) {
      // Only within the nearest table (or list): a nested table's cells never close the outer ones.
      while (closes.includes(current.tag) && current.parent) current = current.parent;
    }
    const element: HtmlElement = { tag, attrs: parseAttributes(m[3] ?? ''), children: [], parent: current };
    current.children.push(element);
    if (RAW_TEXT.has(tag)) {
      const end = html.toLowerCase().indexOf(`</${tag}`, last);
      const stop = end === -1 ? html.length : end;
      if (tag === 'title') element.children.push(decodeEntities(html.slice(last, stop)));
      const close = end === -1 ? html.length : html.indexOf('>', end) + 1 || html.length;
      last = close;
      tagRe.lastIndex = close;
      continue;
    }
    if (!VOID.has(tag) && !/\/\s*$/.test(m[3] ?? '')) current = element;
  }
  text(html.length);
  return root;
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return typeof node !== 'string';
}

export function hasClass(element: HtmlElement, name: string): boolean {
  return (element.attrs.class ?? '').split(/\s+/).includes(name);
}

/** Every element below `from` (depth first, document order) that matches. */
export function findAll(from: HtmlElement, match: (e: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  const walk = (e: HtmlElement) => {
    for (const child of e.children) {
      if (!isElement(child)) continue;
      if (match(child)) out.push(child);
      walk(child);
    }
  };
  walk(from);
  return out;
}

export function childElements(element: HtmlElement, tag?: string): HtmlElement[] {
  return element.children.filter((c): c is HtmlElement => isElement(c) && (tag === undefined || c.tag === tag));
}

export function closest(element: HtmlElement, tag: string): HtmlElement | null {
  let e = element.parent;
  while (e && e.tag !== tag) e = e.parent;
  return e;
}

/**
 * The text people see: block elements and <br> start new lines, spaces are collapsed, lines
 * trimmed and empty ones dropped. `skip` leaves out sub-trees (item meta inside a name cell).
 */
export function textOf(node: HtmlNode, skip: (e: HtmlElement) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (n: HtmlNode) => {
    if (!isElement(n)) {
      parts.push(n);
      return;
    }
    if (skip(n) || n.tag === 'img' || RAW_TEXT.has(n.tag)) return;
    const block = BLOCK.has(n.tag);
    if (block) parts.push('\n');
    for (const child of n.children) walk(child);
    if (block) parts.push('\n');
  };
  walk(node);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u00a0\u2009\u202f]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

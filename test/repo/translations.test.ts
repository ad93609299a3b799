// Every string the plugin shows must be translatable with the 'cuadra' text domain and have a
// Spanish translation in wp-plugin/languages/cuadra-es_ES.po (the source of truth for es_ES).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const pluginDir = path.join(repoRoot, 'wp-plugin');
const poPath = path.join(pluginDir, 'languages', 'cuadra-es_ES.po');
const potPath = path.join(pluginDir, 'languages', 'cuadra.pot');
const DOMAIN = 'cuadra';

/** Where translatable code lives: PHP anywhere in the plugin, TypeScript in the admin app and blocks. */
const SOURCE_ROOTS: { dir: string; extensions: string[] }[] = [
  { dir: pluginDir, extensions: ['.php'] },
  { dir: path.join(pluginDir, 'admin', 'src'), extensions: ['.ts', '.tsx'] },
  { dir: path.join(repoRoot, 'blocks'), extensions: ['.ts', '.tsx', '.php'] },
];

/** Argument positions of [msgid, msgid_plural, msgctxt, domain] per gettext function. */
type Signature = [number, number | null, number | null, number];

const PHP_FUNCTIONS: Record<string, Signature> = {
  __: [0, null, null, 1],
  _e: [0, null, null, 1],
  esc_html__: [0, null, null, 1],
  esc_html_e: [0, null, null, 1],
  esc_attr__: [0, null, null, 1],
  esc_attr_e: [0, null, null, 1],
  _x: [0, null, 1, 2],
  _ex: [0, null, 1, 2],
  esc_html_x: [0, null, 1, 2],
  esc_attr_x: [0, null, 1, 2],
  _n: [0, 1, null, 3],
  _nx: [0, 1, 3, 4],
  _n_noop: [0, 1, null, 2],
  _nx_noop: [0, 1, 2, 3],
};

const JS_FUNCTIONS: Record<string, Signature> = {
  __: [0, null, null, 1],
  _x: [0, null, 1, 2],
  _n: [0, 1, null, 3],
  _nx: [0, 1, 3, 4],
};

interface GettextCall {
  fn: string;
  /** Literal string arguments; null for anything else (variables, expressions). */
  args: (string | null)[];
  line: number;
}

interface SourceString {
  msgctxt: string;
  msgid: string;
  msgidPlural: string | null;
  where: string;
}

interface PoEntry {
  msgctxt: string;
  msgid: string;
  msgidPlural: string | null;
  msgstr: string[];
  fuzzy: boolean;
}

function listFiles(dir: string, extensions: string[]): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!['node_modules', 'build', 'vendor'].includes(name)) {
        found.push(...listFiles(full, extensions));
      }
    } else if (extensions.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found.sort();
}

function unescapeLiteral(quote: string, body: string, isPhp: boolean): string {
  if (isPhp && quote === "'") {
    return body.replace(/\\([\\'])/g, '$1');
  }
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_match, esc: string) => {
    if (esc.startsWith('u') && esc.length > 1) {
      return String.fromCodePoint(parseInt(esc.replace(/[u{}]/g, ''), 16));
    }
    if (esc.startsWith('x') && esc.length === 3) {
      return String.fromCharCode(parseInt(esc.slice(1), 16));
    }
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
    return simple[esc] ?? esc;
  });
}

/** A small scanner that skips comments and strings, and knows PHP's <?php … ?> regions. */
function findGettextCalls(source: string, isPhp: boolean): GettextCall[] {
  const functions = isPhp ? PHP_FUNCTIONS : JS_FUNCTIONS;
  const calls: GettextCall[] = [];
  const isQuote = (c: string | undefined) => c === "'" || c === '"' || (!isPhp && c === '`');

  const readString = (start: number): [string, number] => {
    const quote = source[start] ?? '';
    let j = start + 1;
    while (j < source.length && source[j] !== quote) {
      j += source[j] === '\\' ? 2 : 1;
    }
    const body = source.slice(start + 1, j);
    return [quote === '`' && body.includes('${') ? '\u0000template' : unescapeLiteral(quote, body, isPhp), j + 1];
  };

  const skipComment = (start: number): number => {
    if (source.startsWith('/*', start)) {
      const end = source.indexOf('*/', start + 2);
      return end === -1 ? source.length : end + 2;
    }
    let end = source.indexOf('\n', start);
    end = end === -1 ? source.length : end;
    if (isPhp) {
      const close = source.indexOf('?>', start);
      end = close !== -1 && close < end ? close : end;
    }
    return end;
  };

  const isCommentStart = (j: number) => source.startsWith('/*', j) || source.startsWith('//', j) || (isPhp && source[j] === '#');

  const readArgs = (start: number): [(string | null)[], number] => {
    const args: (string | null)[] = [];
    let parts: (string | null)[] = [];
    let depth = 0;
    let j = start;
    while (j < source.length) {
      const c = source[j] ?? '';
      if (isQuote(c)) {
        const [value, end] = readString(j);
        parts.push(value === '\u0000template' ? null : value);
        j = end;
        continue;
      }
      if (isCommentStart(j)) {
        j = skipComment(j);
        continue;
      }
      if ('([{'.includes(c)) {
        depth++;
        parts.push(null);
      } else if (')]}'.includes(c)) {
        if (depth === 0) {
          args.push(parts.length === 1 ? (parts[0] ?? null) : null);
          return [args, j + 1];
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        args.push(parts.length === 1 ? (parts[0] ?? null) : null);
        parts = [];
      } else if (!/\s/.test(c)) {
        parts.push(null);
      }
      j++;
    }
    return [args, j];
  };

  let i = 0;
  let inCode = !isPhp;
  while (i < source.length) {
    if (!inCode) {
      const open = source.indexOf('<?', i);
      if (open === -1) {
        break;
      }
      inCode = true;
      i = open + (source.startsWith('<?php', open) ? 5 : source.startsWith('<?=', open) ? 3 : 2);
      continue;
    }
    if (isPhp && source.startsWith('?>', i)) {
      inCode = false;
      i += 2;
      continue;
    }
    if (isCommentStart(i)) {
      i = skipComment(i);
      continue;
    }
    if (isQuote(source[i])) {
      i = readString(i)[1];
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 40));
    if (!word) {
      i++;
      continue;
    }
    const name = word[0];
    let after = i + name.length;
    while (/\s/.test(source[after] ?? '')) {
      after++;
    }
    const prefix = source.slice(Math.max(0, i - 12), i);
    const isCall =
      source[after] === '(' &&
      Object.prototype.hasOwnProperty.call(functions, name) &&
      !/(->|::|\.|\$)$/.test(prefix) &&
      !/function\s+$/.test(prefix);
    if (isCall) {
      const [args, end] = readArgs(after + 1);
      calls.push({ fn: name, args, line: source.slice(0, i).split('\n').length });
      i = end;
    } else {
      i += name.length;
    }
  }
  return calls;
}

function extractSourceStrings(): { strings: SourceString[]; problems: string[] } {
  const strings: SourceString[] = [];
  const problems: string[] = [];
  for (const root of SOURCE_ROOTS) {
    for (const file of listFiles(root.dir, root.extensions)) {
      const isPhp = file.endsWith('.php');
      const relative = path.relative(repoRoot, file);
      for (const call of findGettextCalls(readFileSync(file, 'utf8'), isPhp)) {
        const signature = (isPhp ? PHP_FUNCTIONS : JS_FUNCTIONS)[call.fn];
        if (!signature) {
          continue;
        }
        const [idAt, pluralAt, contextAt, domainAt] = signature;
        const where = `${relative}:${call.line} ${call.fn}()`;
        const msgid = call.args[idAt];
        const domain = call.args[domainAt];
        if (domain !== DOMAIN) {
          problems.push(
            `${where} uses text domain ${domain === undefined ? '(none)' : domain === null ? '(not a literal)' : `'${domain}'`}, not '${DOMAIN}'`,
          );
          continue;
        }
        if (typeof msgid !== 'string' || msgid === '') {
          problems.push(`${where} has no literal message string, so it cannot be extracted`);
          continue;
        }
        strings.push({
          msgctxt: contextAt === null ? '' : (call.args[contextAt] ?? ''),
          msgid,
          msgidPlural: pluralAt === null ? null : (call.args[pluralAt] ?? ''),
          where,
        });
      }
    }
  }
  return { strings, problems };
}

function parsePoString(line: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"\s*$/.exec(line.trim());
  if (!match) {
    throw new Error(`Not a PO string: ${line}`);
  }
  return (match[1] ?? '').replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** A PO reader covering what gettext tools write: contexts, plurals, multi-line strings, flags. */
function parsePo(text: string): { headers: Record<string, string>; entries: PoEntry[] } {
  const entries: PoEntry[] = [];
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const entry: PoEntry = { msgctxt: '', msgid: '', msgidPlural: null, msgstr: [], fuzzy: false };
    let field: ((value: string) => void) | null = null;
    let sawMsgid = false;
    for (const line of block.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#~')) {
        continue;
      }
      if (trimmed.startsWith('#')) {
        if (trimmed.startsWith('#,') && /\bfuzzy\b/.test(trimmed)) {
          entry.fuzzy = true;
        }
        continue;
      }
      const keyword = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$/.exec(trimmed);
      if (keyword) {
        const [, name, index, rest] = keyword;
        const value = parsePoString(rest ?? '""');
        if (name === 'msgctxt') {
          entry.msgctxt = value;
          field = (more) => (entry.msgctxt += more);
        } else if (name === 'msgid') {
          sawMsgid = true;
          entry.msgid = value;
          field = (more) => (entry.msgid += more);
        } else if (name === 'msgid_plural') {
          entry.msgidPlural = value;
          field = (more) => (entry.msgidPlural = (entry.msgidPlural ?? '') + more);
        } else {
          const at = index === undefined ? 0 : Number(index);
          entry.msgstr[at] = value;
          field = (more) => (entry.msgstr[at] = (entry.msgstr[at] ?? '') + more);
        }
      } else if (trimmed.startsWith('"') && field) {
        field(parsePoString(trimmed));
      } else {
        throw new Error(`Unexpected PO line: ${line}`);
      }
    }
    if (sawMsgid) {
      entries.push(entry);
    }
  }
  const headerEntry = entries.find((entry) => entry.msgid === '' && entry.msgctxt === '');
  const headers: Record<string, string> = {};
  for (const line of (headerEntry?.msgstr[0] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return { headers, entries: entries.filter((entry) => entry !== headerEntry) };
}

const keyOf = (msgctxt: string, msgid: string) => `${msgctxt}\u0004${msgid}`;

/** printf placeholders such as %s, %d, %1$s — a translation must keep the same set. */
function placeholders(text: string): string[] {
  return (text.match(/%(?:\d+\$)?[-+ 0#']*\d*(?:\.\d+)?[bcdeEfFgGosuxX%]/g) ?? []).filter((p) => p !== '%%').sort();
}

describe('plugin translations (es_ES)', () => {
  const { strings, problems } = extractSourceStrings();
  const po = parsePo(readFileSync(poPath, 'utf8'));
  const poEntries = new Map(po.entries.map((entry) => [keyOf(entry.msgctxt, entry.msgid), entry]));

  it('finds the translatable strings of PHP and the admin app', () => {
    expect(strings.some((s) => s.where.startsWith('wp-plugin/src/') && s.where.includes('.php'))).toBe(true);
    expect(strings.some((s) => s.where.startsWith('wp-plugin/admin/src/'))).toBe(true);
    expect(strings.map((s) => s.msgid)).toEqual(expect.arrayContaining(['Service URL', 'Save company settings', 'Home']));
  });

  it("uses only the 'cuadra' text domain, with literal strings", () => {
    expect(problems).toEqual([]);
  });

  it('has the headers WordPress needs', () => {
    expect(po.headers['Language']).toBe('es_ES');
    expect(po.headers['Plural-Forms']).toMatch(/^nplurals=2; plural=\(n != 1\);?$/);
    expect(po.headers['Content-Type']).toMatch(/charset=utf-8/i);
  });

  it('translates every string into Spanish', () => {
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const source of strings) {
      const key = keyOf(source.msgctxt, source.msgid);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const entry = poEntries.get(key);
      const forms = source.msgidPlural === null ? 1 : 2;
      const label = `${source.msgctxt ? `[${source.msgctxt}] ` : ''}"${source.msgid}" (${source.where})`;
      if (!entry) {
        missing.push(`missing: ${label}`);
      } else if (entry.fuzzy) {
        missing.push(`fuzzy: ${label}`);
      } else if (entry.msgstr.length < forms || entry.msgstr.slice(0, forms).some((text) => !text)) {
        missing.push(`untranslated: ${label}`);
      } else if (source.msgidPlural !== null && entry.msgidPlural !== source.msgidPlural) {
        missing.push(`plural differs from the code: ${label}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the printf placeholders of each string', () => {
    const wrong = po.entries
      .filter((entry) => entry.msgstr.some(Boolean))
      .flatMap((entry) =>
        entry.msgstr
          .filter((text, index) => {
            const original = index === 0 ? entry.msgid : (entry.msgidPlural ?? entry.msgid);
            // Singular forms may spell out "1" instead of using the number.
            const expected = placeholders(original);
            const actual = placeholders(text);
            return (
              text !== '' &&
              JSON.stringify(actual) !== JSON.stringify(expected) &&
              !(index === 0 && actual.length === 0 && entry.msgidPlural)
            );
          })
          .map((text) => `"${entry.msgid}" → "${text}"`),
      );
    expect(wrong).toEqual([]);
  });

  it('lists every string in cuadra.pot, the template for other languages', () => {
    const pot = parsePo(readFileSync(potPath, 'utf8'));
    const potKeys = new Set(pot.entries.map((entry) => keyOf(entry.msgctxt, entry.msgid)));
    const absent = [...new Set(strings.filter((s) => !potKeys.has(keyOf(s.msgctxt, s.msgid))).map((s) => `"${s.msgid}" (${s.where})`))];
    expect(absent).toEqual([]);
  });
});

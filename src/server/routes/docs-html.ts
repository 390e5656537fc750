/**
 * Renders an OpenAPI 3.1 document as one self-contained HTML page: operations grouped by tag with their
 * parameters, request bodies and responses, then the named schemas. No scripts, no external requests (the page is
 * served with a CSP that allows only its own inline style, by hash). Every string from the document is escaped —
 * summaries, names, enum values and examples alike — and only backtick spans become `<code>`, after escaping.
 * @module
 */
import { createHash } from 'node:crypto';

/** The parts of an OpenAPI document the page reads (everything else is ignored). */
export interface OpenApiDocLike {
  readonly info?: { readonly title?: unknown; readonly version?: unknown; readonly description?: unknown };
  readonly paths?: Readonly<Record<string, unknown>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escaped text in which `code` spans become `<code>` and line breaks `<br>`. */
function prose(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\n/g, '<br>');
}

/** A fragment identifier from arbitrary text: only [A-Za-z0-9_-], never empty. */
function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9_-]/g, '_') || '_'}`;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const MAX_DEPTH = 4;

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{margin:0 0 4px}h2{border-bottom:2px solid #d8dee8;padding-bottom:4px;margin-top:40px}
h3{margin:0;font-size:16px;font-weight:600;word-break:break-all}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f5;padding:1px 4px;border-radius:3px}
.op{background:#fff;border:1px solid #d8dee8;border-radius:6px;padding:14px 16px;margin:14px 0}
.m{display:inline-block;min-width:64px;text-align:center;font:600 12px/22px ui-monospace,monospace;color:#fff;border-radius:4px;margin-right:8px;text-transform:uppercase}
.get{background:#2f6fdf}.post{background:#1f9d55}.put{background:#c77700}.delete{background:#c53030}.patch{background:#7b4fd6}.head,.options,.trace{background:#667}
.auth{font-size:12px;color:#556;margin-left:8px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{text-align:left;vertical-align:top;border-top:1px solid #e4e8ee;padding:4px 8px}
th{font-size:12px;color:#556;font-weight:600}
.t{color:#6b3fa0;font:13px ui-monospace,monospace}.req{color:#c53030;font-size:12px}
.s{margin:2px 0 2px 14px;padding-left:10px;border-left:2px solid #e4e8ee}
nav ul{padding-left:18px;margin:4px 0}nav li{word-break:break-all}nav a{text-decoration:none}
td:first-child{width:1%;white-space:nowrap}
.muted{color:#667;font-size:13px}
`;

/** The CSP `style-src` source for the page's one inline `<style>` element. */
export const DOCS_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Content-Security-Policy of the docs page: nothing but its own inline style. */
export const DOCS_CSP = `default-src 'none'; style-src ${DOCS_STYLE_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function refName(ref: string): string {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  return m ? m[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : ref;
}

function refLink(ref: string): string {
  const name = refName(ref);
  return `<a href="#${anchor('schema', name)}">${escapeHtml(name)}</a>`;
}

function literal(v: unknown): string {
  return `<code>${escapeHtml(JSON.stringify(v) ?? String(v))}</code>`;
}

/** A one-line type summary: `string`, `array of X`, `map of string → X`, `"a" | "b"`, a link for a $ref. */
function typeSummary(s: unknown): string {
  if (!isObj(s)) return '<span class="t">any</span>';
  if (typeof s.$ref === 'string') return refLink(s.$ref);
  if ('const' in s) return literal(s.const);
  if (Array.isArray(s.enum)) return s.enum.map(literal).join(' | ');
  const variants = (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : null) as
    | unknown[]
    | null;
  if (variants) return variants.map(typeSummary).join(' | ');
  const types = Array.isArray(s.type) ? s.type.map(str) : s.type !== undefined ? [str(s.type)] : [];
  const parts = types.map((t) => {
    if (t === 'array') return `array of ${typeSummary(s.items)}`;
    if (t === 'object' && isObj(s.additionalProperties) && !isObj(s.properties)) {
      return `map of string → ${typeSummary(s.additionalProperties)}`;
    }
    return `<span class="t">${escapeHtml(t)}</span>`;
  });
  if (parts.length === 0) return '<span class="t">any</span>';
  let out = parts.join(' | ');
  if (typeof s.format === 'string') out += ` <span class="muted">(${escapeHtml(s.format)})</span>`;
  return out;
}

function constraints(s: Obj): string {
  const bits: string[] = [];
  for (const k of [
    'minimum',
    'exclusiveMinimum',
    'maximum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
  ]) {
    if (typeof s[k] === 'number' || typeof s[k] === 'boolean')
      bits.push(`${escapeHtml(k)} ${escapeHtml(String(s[k]))}`);
  }
  if (typeof s.pattern === 'string') bits.push(`pattern <code>${escapeHtml(s.pattern)}</code>`);
  if ('default' in s) bits.push(`default ${literal(s.default)}`);
  if ('example' in s) bits.push(`e.g. ${literal(s.example)}`);
  return bits.length ? ` <span class="muted">${bits.join('; ')}</span>` : '';
}

/** The properties of an object schema (and of inline variants), nested up to `MAX_DEPTH`. */
function schemaBody(s: unknown, depth: number): string {
  if (!isObj(s) || depth > MAX_DEPTH || typeof s.$ref === 'string') return '';
  let out = '';
  const variants = (
    Array.isArray(s.oneOf)
      ? s.oneOf
      : Array.isArray(s.anyOf)
        ? s.anyOf
        : Array.isArray(s.allOf)
          ? s.allOf
          : []
  ) as unknown[];
  for (const v of variants) {
    if (isObj(v) && isObj(v.properties))
      out += `<div class="s">${describe(v)}${schemaBody(v, depth + 1)}</div>`;
  }
  if (isObj(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? s.required.map(str) : []);
    const rows = Object.entries(s.properties).map(([name, p]) => {
      const nested = schemaBody(isObj(p) && p.type === 'array' ? p.items : p, depth + 1);
      return `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td><td>${typeSummary(p)}${isObj(p) ? constraints(p) : ''}${isObj(p) && typeof p.description === 'string' ? `<br>${prose(p.description)}` : ''}${nested ? `<div class="s">${nested}</div>` : ''}</td></tr>`;
    });
    if (rows.length) out += `<table><tr><th>Field</th><th>Type</th></tr>${rows.join('')}</table>`;
  }
  if (s.additionalProperties === false && isObj(s.properties))
    out += '<div class="muted">No other fields.</div>';
  if (isObj(s.additionalProperties) && !isObj(s.properties))
    out += schemaBody(s.additionalProperties, depth + 1);
  return out;
}

function describe(s: Obj): string {
  return typeof s.description === 'string' ? `<div>${prose(s.description)}</div>` : '';
}

function schemaBlock(s: unknown): string {
  if (!isObj(s)) return '';
  return `<div>${typeSummary(s)}${constraints(s)}</div>${describe(s)}${schemaBody(s, 1)}`;
}

function contentBlock(content: unknown): string {
  if (!isObj(content)) return '';
  return Object.entries(content)
    .map(
      ([type, media]) =>
        `<div class="s"><code>${escapeHtml(type)}</code> ${isObj(media) ? schemaBlock(media.schema) : ''}</div>`,
    )
    .join('');
}

function parametersBlock(params: unknown): string {
  if (!Array.isArray(params) || params.length === 0) return '';
  const rows = params.filter(isObj).map((p) => {
    const schema = isObj(p.schema) ? p.schema : {};
    return `<tr><td><code>${escapeHtml(str(p.name))}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${escapeHtml(str(p.in))}</td><td>${typeSummary(schema)}${constraints(schema)}${typeof p.description === 'string' ? `<br>${prose(p.description)}` : typeof schema.description === 'string' ? `<br>${prose(schema.description)}` : ''}</td></tr>`;
  });
  return `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th></tr>${rows.join('')}</table>`;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly op: Obj;
  readonly id: string;
}

function operationBlock(o: Operation): string {
  const { op } = o;
  const secured = Array.isArray(op.security) && op.security.length > 0;
  let out = `<section class="op" id="${escapeHtml(o.id)}"><h3><span class="m ${escapeHtml(o.method)}">${escapeHtml(o.method)}</span><code>${escapeHtml(o.path)}</code><span class="auth">${secured ? 'Bearer key' : 'no key'}</span></h3>`;
  if (typeof op.summary === 'string') out += `<p>${prose(op.summary)}</p>`;
  if (typeof op.description === 'string') out += `<p class="muted">${prose(op.description)}</p>`;
  out += parametersBlock(op.parameters);
  if (isObj(op.requestBody)) {
    const rb = op.requestBody;
    out += `<h4>Request body${rb.required ? ' <span class="req">required</span>' : ''}</h4>${typeof rb.description === 'string' ? `<p>${prose(rb.description)}</p>` : ''}${contentBlock(rb.content)}`;
  }
  if (isObj(op.responses)) {
    const rows = Object.entries(op.responses).map(([status, r]) => {
      const resp = isObj(r) ? r : {};
      return `<tr><td><code>${escapeHtml(status)}</code></td><td>${prose(str(resp.description))}${contentBlock(resp.content)}</td></tr>`;
    });
    out += `<h4>Responses</h4><table><tr><th>Status</th><th>Meaning</th></tr>${rows.join('')}</table>`;
  }
  return `${out}</section>`;
}

/** The whole page. */
export function renderDocsHtml(doc: OpenApiDocLike): string {
  const title = str(doc.info?.title) || 'API';
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObj(op)) ops.push({ method, path, op, id: `op-${ops.length}` });
    }
  }
  const byTag = new Map<string, Operation[]>();
  for (const o of ops) {
    const tags = Array.isArray(o.op.tags) && o.op.tags.length ? o.op.tags.map(str) : ['other'];
    for (const t of tags) {
      const list = byTag.get(t);
      if (list) list.push(o);
      else byTag.set(t, [o]);
    }
  }
  const tags = [...byTag.keys()].sort();
  const nav = tags
    .map(
      (t) =>
        `<li><a href="#${anchor('tag', t)}">${escapeHtml(t)}</a><ul>${byTag
          .get(t)!
          .map(
            (o) =>
              `<li><a href="#${o.id}">${escapeHtml(o.method.toUpperCase())} ${escapeHtml(o.path)}</a></li>`,
          )
          .join('')}</ul></li>`,
    )
    .join('');
  const sections = tags
    .map(
      (t) =>
        `<h2 id="${anchor('tag', t)}">${escapeHtml(t)}</h2>${byTag.get(t)!.map(operationBlock).join('')}`,
    )
    .join('');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([name, s]) =>
        `<section class="op" id="${anchor('schema', name)}"><h3>${escapeHtml(name)}</h3>${schemaBlock(s)}</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Version ${escapeHtml(str(doc.info?.version))} · machine-readable: <a href="openapi.json">/openapi.json</a> · send keys as <code>Authorization: Bearer &lt;key&gt;</code></p>
${typeof doc.info?.description === 'string' ? `<p>${prose(doc.info.description)}</p>` : ''}
<nav><h2>Operations</h2><ul>${nav}</ul></nav>
${sections}
${schemas ? `<h2 id="schemas">Schemas</h2>${schemas}` : ''}
</main></body></html>
`;
}

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCS_CSP, escapeHtml, renderDocsHtml } from '../../src/server/routes/docs-html.ts';
import { type Harness, makeHarness } from './app-harness.ts';

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>'&`;

describe('GET /docs', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness();
  });
  afterEach(() => h.close());

  it('serves a self-contained HTML page without a key, with a CSP allowing only its own style', async () => {
    const r = await h.call('GET', '/docs', { key: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(DOCS_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = r.body as string;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // no scripts, no external resources
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|srcset)=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\sstyle=/i); // inline style attributes would be blocked by the CSP
    // the CSP hash matches the one <style> element
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
  });

  it('lists every operation of /openapi.json, grouped by tag, with parameters and schemas', async () => {
    const html = (await h.call('GET', '/docs', { key: null })).body as string;
    const doc = (await h.call('GET', '/openapi.json', { key: null })).body;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        expect(html, `${method} ${path}`).toContain(`>${method.toUpperCase()} ${escapeHtml(path)}</a>`);
      }
    }
    expect(html).toContain('id="tag-registry"');
    expect(html).toContain('<code>/v1/projects/{project}/models/{model}/aliases/{alias}</code>');
    expect(html).toContain('id="schema-CheckConfig"');
    expect(html).toContain('<a href="#schema-CreateVersion">CreateVersion</a>');
    expect(html).toContain('<code>limit</code>');
    // the docs page itself needs no key; registry operations do
    expect(html).toMatch(/<code>\/docs<\/code><span class="auth">no key<\/span>/);
    expect(html).toMatch(
      /<code>\/v1\/projects\/\{project\}\/audit<\/code><span class="auth">Bearer key<\/span>/,
    );
  });

  it('is not affected by project or model names (it renders the API, not data)', async () => {
    await h.call('POST', '/v1/projects', { body: { name: EVIL } });
    const html = (await h.call('GET', '/docs', { key: null })).body as string;
    expect(html).not.toContain('alert');
  });
});

describe('renderDocsHtml', () => {
  it('escapes every string from the document', () => {
    const schema = {
      type: 'object',
      description: EVIL,
      required: [EVIL],
      properties: {
        [EVIL]: { type: 'string', description: EVIL, pattern: EVIL, example: EVIL, default: EVIL },
        e: { enum: [EVIL, 1] },
        nested: { type: 'object', properties: { [EVIL]: { const: EVIL } } },
        list: { type: 'array', items: { $ref: `#/components/schemas/${EVIL}` } },
        map: { type: 'object', additionalProperties: { type: EVIL } },
      },
    };
    const html = renderDocsHtml({
      info: { title: EVIL, version: EVIL, description: `${EVIL} \`${EVIL}\`` },
      paths: {
        [`/x/${EVIL}`]: {
          get: {
            tags: [EVIL],
            summary: EVIL,
            description: EVIL,
            security: [{ bearerAuth: [] }],
            parameters: [
              { name: EVIL, in: EVIL, required: true, description: EVIL, schema: { type: 'string' } },
            ],
            requestBody: { required: true, content: { [EVIL]: { schema } } },
            responses: { [EVIL]: { description: EVIL, content: { 'application/json': { schema } } } },
          },
        },
      },
      components: { schemas: { [EVIL]: schema } },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(`'&`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // fragment ids are sanitised
    for (const m of html.matchAll(/\sid="([^"]*)"/g)) expect(m[1]).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const m of html.matchAll(/\shref="#([^"]*)"/g)) expect(m[1]).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('copes with a minimal or odd document', () => {
    const html = renderDocsHtml({
      paths: { '/a': { get: { responses: {} }, parameters: [] }, '/b': null as never },
    });
    expect(html).toContain('<code>/a</code>');
    expect(html).toContain('id="tag-other"');
    expect(renderDocsHtml({})).toContain('<title>API</title>');
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

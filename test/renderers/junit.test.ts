import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSuite } from '../../src/core/suite/evaluate-suite.ts';
import type { SuiteResult, TestOutcome } from '../../src/core/suite/suite-types.ts';
import { parseSuiteText } from '../../src/readers/suite-file.ts';
import { renderJUnit } from '../../src/renderers/junit.ts';

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

/**
 * A strict XML 1.0 parser for what the renderer writes (no DTD, CDATA, comments or PIs other than the
 * declaration): one root, matching tags, quoted unique attributes, only the five predefined entities and
 * character references, no raw `<`/`&` in text or attributes, only characters of the `Char` production.
 * Throws with the offset of the first problem; returns the root element with references decoded.
 * (linkedom's XML mode is lenient and leaves `&amp;` undecoded in attributes, so it cannot be the oracle.)
 */
function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed at ${i}: ${what} near ${JSON.stringify(xml.slice(i, i + 30))}`);
  };
  for (const ch of xml) {
    const c = ch.codePointAt(0)!;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) fail(`character U+${c.toString(16)} is not allowed`);
  }
  const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const name = (): string => {
    const m = /[A-Za-z_:][\w.:-]*/y;
    m.lastIndex = i;
    const r = m.exec(xml);
    if (r === null) return fail('expected a name');
    i += r[0].length;
    return r[0];
  };
  const spaces = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const reference = (): string => {
    const m = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/y;
    m.lastIndex = i;
    const r = m.exec(xml);
    if (r === null) return fail('bad entity or character reference');
    i += r[0].length;
    if (r[1] !== undefined) return ENTITIES[r[1]]!;
    const code = r[2] !== undefined ? Number(r[2]) : Number.parseInt(r[3]!, 16);
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (!allowed) fail(`character reference to U+${code.toString(16)}`);
    return String.fromCodePoint(code);
  };
  const element = (): XmlElement => {
    i++; // <
    const tag = name();
    const attrs: Record<string, string> = {};
    const children: (XmlElement | string)[] = [];
    for (;;) {
      const before = i;
      spaces();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attrs, children };
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('expected whitespace before an attribute');
      const a = name();
      if (Object.hasOwn(attrs, a)) fail(`duplicate attribute ${a}`);
      if (!xml.startsWith('="', i)) fail('expected ="');
      i += 2;
      let value = '';
      while (xml[i] !== '"') {
        if (i >= xml.length) fail('unterminated attribute');
        if (xml[i] === '<') fail('raw < in attribute');
        if (xml[i] === '&') value += reference();
        else {
          // Attribute-value normalisation: a literal tab or newline reads as a space.
          value += /[\t\n\r]/.test(xml[i]!) ? ' ' : xml[i];
          i++;
        }
      }
      i++;
      attrs[a] = value;
    }
    let text = '';
    while (!xml.startsWith('</', i)) {
      if (i >= xml.length) fail(`unclosed <${tag}>`);
      if (xml[i] === '<') {
        if (text !== '') children.push(text);
        text = '';
        children.push(element());
      } else if (xml[i] === '&') text += reference();
      else if (xml.startsWith(']]>', i)) fail(']]> in text');
      else if (xml[i] === '\r') fail('raw carriage return (a parser would turn it into a newline)');
      else text += xml[i++];
    }
    if (text !== '') children.push(text);
    i += 2;
    if (name() !== tag) fail(`expected </${tag}>`);
    spaces();
    if (xml[i] !== '>') fail('expected >');
    i++;
    return { name: tag, attrs, children };
  };
  const decl = '<?xml version="1.0" encoding="UTF-8"?>';
  if (!xml.startsWith(decl)) fail('missing XML declaration');
  i = decl.length;
  spaces();
  if (xml[i] !== '<') fail('expected the root element');
  const root = element();
  spaces();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** All descendant elements named `name`, in document order. */
function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}

function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

const outcome = (o: Partial<TestOutcome> & Pick<TestOutcome, 'name' | 'status'>): TestOutcome => ({
  metric: 'drift.share',
  condition: 'lt',
  threshold: 0.5,
  actual: 0.25,
  severity: 'critical',
  message: 'actual 0.25 < 0.5',
  ...o,
});

const summaryOf = (tests: TestOutcome[]): SuiteResult['summary'] => ({
  total: tests.length,
  passed: tests.filter((t) => t.status === 'pass').length,
  failed: tests.filter((t) => t.status === 'fail').length,
  warnings: tests.filter((t) => t.status === 'warning').length,
  errors: tests.filter((t) => t.status === 'error').length,
  ok: !tests.some((t) => t.severity === 'critical' && (t.status === 'fail' || t.status === 'error')),
});

/** The example suite on a result where F1 dropped, age has missing values, plus two errors. */
function sampleResult(): SuiteResult {
  const suite = parseSuiteText(
    readFileSync(new URL('../fixtures/suite/example.yaml', import.meta.url), 'utf8'),
    'example.yaml',
  );
  const evaluated = evaluateSuite(suite, {
    drift: { share: 0.25 },
    quality: {
      reference: { metrics: { f1: 0.8 } },
      current: { columns: { age: { missingShare: 0.01 } }, metrics: { f1: 0.7 } },
    },
  });
  const tests = [
    ...evaluated.tests,
    outcome({
      name: 'recall exists',
      metric: 'quality.current.metrics.recall',
      condition: 'gte',
      threshold: null,
      actual: null,
      status: 'error',
      message:
        'cannot read quality.current.metrics.recall: no key "recall" in quality.current.metrics (keys: f1)',
    }),
    outcome({
      name: 'segment <b>Zürich & co</b> "quoted" \'single\'',
      metric: '"odd.key".x',
      condition: 'eq',
      threshold: { value: 1, tolerance: 0.5 },
      actual: null,
      status: 'error',
      severity: 'warning',
      message: 'line 1\r\nline 2\ttabbed ]]> done a\u0001b\u001b[31m\u0000\ud800😀',
    }),
  ];
  return { tests, summary: summaryOf(tests) };
}

describe('renderJUnit', () => {
  it('matches the snapshot', async () => {
    const xml = renderJUnit(sampleResult(), {
      suiteName: 'driftwatch',
      timestamp: new Date(Date.UTC(2026, 3, 12, 9, 30, 0, 123)),
      timeSeconds: 0.0417,
    });
    await expect(xml).toMatchFileSnapshot('../fixtures/suite/junit.expected.xml');
  });

  it('is well-formed XML 1.0 (and the checker is strict)', () => {
    expect(parseXml(renderJUnit(sampleResult())).name).toBe('testsuites');
    const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
    expect(() => parseXml(doc('<a>&nbsp;</a>'))).toThrow('bad entity');
    expect(() => parseXml(doc('<a b="<"/>'))).toThrow('raw <');
    expect(() => parseXml(doc('<a b="1" b="2"/>'))).toThrow('duplicate attribute');
    expect(() => parseXml(doc('<a>\u0001</a>'))).toThrow('U+1 ');
    expect(() => parseXml(doc('<a>&#1;</a>'))).toThrow('character reference to U+1');
    expect(() => parseXml(doc('<a><b></a>'))).toThrow('expected </b>');
    expect(() => parseXml(doc('<a/><b/>'))).toThrow('content after the root element');
    expect(() => parseXml(doc('<a>x]]>y</a>'))).toThrow(']]> in text');
    expect(() => parseXml('<a/>')).toThrow('missing XML declaration');
  });

  it('counts fails and critical errors as failures, and nothing else', () => {
    const root = parseXml(renderJUnit(sampleResult()));
    const suite = all(root, 'testsuite');
    expect(suite).toHaveLength(1);
    const counts = ['tests', 'failures', 'errors', 'skipped', 'time'];
    expect(counts.map((a) => suite[0]!.attrs[a])).toEqual(['5', '2', '0', '0', '0']);
    expect(counts.map((a) => root.attrs[a])).toEqual(['5', '2', '0', '0', '0']);
    const cases = all(root, 'testcase');
    expect(cases.map((c) => c.attrs.classname)).toEqual([
      'driftwatch.drift',
      'driftwatch.quality',
      'driftwatch.quality',
      'driftwatch.quality',
      'driftwatch.odd_key',
    ]);
    expect(cases.map((c) => all(c, 'failure')[0]?.attrs.type ?? null)).toEqual([
      null,
      null,
      'fail',
      'error',
      null,
    ]);
    expect(cases.map((c) => all(c, 'system-out').map(textOf)[0]?.split(':')[0] ?? null)).toEqual([
      'actual 0.25 < 0.5',
      'WARNING',
      null,
      null,
      'ERROR (warning severity, does not fail the run)',
    ]);
    const props = Object.fromEntries(all(root, 'property').map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toEqual({ 'driftwatch.warnings': '1', 'driftwatch.errors': '2', 'driftwatch.ok': 'false' });
  });

  it('puts the message in the failure attribute and the details in its text', () => {
    const failure = all(parseXml(renderJUnit(sampleResult())), 'failure')[0]!;
    expect(failure.attrs.message).toBe(
      'actual 0.7, expected >= 0.72 (quality.reference.metrics.f1 = 0.8, relative -0.1)',
    );
    expect(textOf(failure)).toBe(
      [
        'actual 0.7, expected >= 0.72 (quality.reference.metrics.f1 = 0.8, relative -0.1)',
        'metric: quality.current.metrics.f1',
        'condition: gte',
        'threshold: 0.7200000000000001', // the exact bound compared: 0.8 × (1 − 0.1)
        'actual: 0.7',
        'severity: critical',
        'status: fail',
      ].join('\n'),
    );
    const error = all(parseXml(renderJUnit(sampleResult())), 'failure')[1]!;
    expect(textOf(error).split('\n').slice(3)).toEqual([
      'threshold: (not resolved)',
      'actual: (none)',
      'severity: critical',
      'status: error',
    ]);
  });

  it('escapes markup and keeps text intact, replacing only characters XML forbids', () => {
    const xml = renderJUnit(sampleResult());
    expect(xml).toContain(
      'name="segment &lt;b&gt;Zürich &amp; co&lt;/b&gt; &quot;quoted&quot; &apos;single&apos;"',
    );
    expect(xml).toContain('line 1&#13;\nline 2\ttabbed ]]&gt; done a\\u0001b\\u001b[31m\\u0000\\ud800😀');
    const odd = all(parseXml(xml), 'testcase')[4]!;
    expect(odd.attrs.name).toBe('segment <b>Zürich & co</b> "quoted" \'single\'');
    expect(textOf(all(odd, 'system-out')[0]!)).toBe(
      'ERROR (warning severity, does not fail the run): line 1\r\nline 2\ttabbed ]]> done a\\u0001b\\u001b[31m\\u0000\\ud800😀',
    );
  });

  it('keeps newlines and tabs in attribute values as character references', () => {
    const tests = [outcome({ name: 'a\tb\nc\rd', status: 'fail', message: 'x\ny' })];
    const xml = renderJUnit({ tests, summary: summaryOf(tests) });
    expect(xml).toContain('name="a&#9;b&#10;c&#13;d"');
    expect(xml).toContain('message="x&#10;y"');
    expect(all(parseXml(xml), 'testcase')[0]!.attrs.name).toBe('a\tb\nc\rd');
  });

  it('writes the suite name, timestamp and time as given; omits the timestamp by default', () => {
    const tests = [outcome({ name: 't', status: 'pass' })];
    const result = { tests, summary: summaryOf(tests) };
    expect(renderJUnit(result)).not.toContain('timestamp=');
    const xml = renderJUnit(result, {
      suiteName: 'nightly <ci>',
      timestamp: '2026-04-12T09:30:00+02:00',
      timeSeconds: 1.23456,
    });
    expect(xml).toContain(
      '<testsuites name="nightly &lt;ci&gt;" tests="1" failures="0" errors="0" skipped="0" time="1.235">',
    );
    expect(xml).toContain('timestamp="2026-04-12T09:30:00+02:00"');
    expect(xml).toContain('classname="nightly &lt;ci&gt;.drift"');
    expect(renderJUnit(result, { timeSeconds: Number.NaN })).toContain('time="0"');
    expect(renderJUnit(result, { timestamp: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)) })).toContain(
      'timestamp="2026-01-02T03:04:05Z"',
    );
  });

  it('renders an empty suite', () => {
    const xml = renderJUnit({ tests: [], summary: summaryOf([]) });
    expect(all(parseXml(xml), 'testsuite')[0]!.attrs.tests).toBe('0');
    expect(all(parseXml(xml), 'testcase')).toEqual([]);
  });

  it('stays well-formed, and lossless for text without forbidden characters (property)', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids.
    const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (name, message) => {
        const tests = [outcome({ name, message, status: 'fail', metric: name })];
        const root = parseXml(renderJUnit({ tests, summary: summaryOf(tests) }));
        if (!forbidden.test(name) && !forbidden.test(message)) {
          expect(all(root, 'testcase')[0]!.attrs.name).toBe(name);
          expect(all(root, 'failure')[0]!.attrs.message).toBe(message);
          expect(textOf(all(root, 'failure')[0]!).split('\nmetric: ')[0]).toBe(message);
        }
      }),
      { numRuns: 500 },
    );
  });
});

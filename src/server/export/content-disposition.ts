/**
 * `Content-Disposition: attachment` for a download named after user-chosen text (model names are any UTF-8).
 *
 * RFC 6266 §4.3: `filename` is an ASCII fallback (here: every character outside `[A-Za-z0-9._-]` becomes `_`, so
 * no quote, backslash, slash, control character or header injection can get through), `filename*` carries the real
 * name as RFC 8187 `UTF-8''` percent-encoding, with path separators and control characters replaced by `_` so a
 * browser never sees a directory part.
 * @module
 */

/** RFC 8187 `attr-char` percent-encoding (encodeURIComponent leaves `'()*!` unescaped; attr-char allows `!`). */
function rfc8187(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The header value for downloading `base` + `.` + `extension`. */
export function attachmentDisposition(base: string, extension: string): string {
  let clean = '';
  for (const ch of base) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || ch === '/' || ch === '\\') clean += '_';
    // A lone surrogate cannot be UTF-8 encoded (encodeURIComponent would throw): U+FFFD instead.
    else if (code >= 0xd800 && code <= 0xdfff) clean += '\ufffd';
    else clean += ch;
  }
  const ascii = clean.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'export';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${rfc8187(`${clean}.${extension}`)}`;
}

/**
 * Status badges: a symbol, a value and (for screen readers) the level in words, coloured by level — never by
 * colour alone.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';
import { LEVEL_TEXT, type Level } from '../band.ts';

export function badge(level: Level, text: string, title?: string): SafeHtml {
  const t = LEVEL_TEXT[level];
  return html`<span class="badge lvl-${level}"${title !== undefined && html` title="${title}"`}><span aria-hidden="true">${t.symbol}</span>${text}<span class="sr-only"> (${t.word})</span></span>`;
}

/** A level as symbol + word, e.g. `▲ alert`. */
export function levelWords(level: Level): SafeHtml {
  const t = LEVEL_TEXT[level];
  return html`<span class="lvl-${level}"><span aria-hidden="true">${t.symbol}</span> ${t.word}</span>`;
}

/**
 * The sign-in form: paste an API key (read scope is enough); the server answers with a session cookie.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';

export function loginView(next: string, error: string | null): SafeHtml {
  return html`<section class="login" aria-labelledby="login-title"><h1 id="login-title">Sign in to driftwatch</h1>
<p class="muted">Paste an API key. A key with the <code>read</code> scope is enough to view a project's dashboard; the server key sees every project.</p>
${error && html`<p class="error" role="alert" id="login-error">${error}</p>`}
<form method="post" action="/login">
<input type="hidden" name="next" value="${next}">
<label for="key">API key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required spellcheck="false" placeholder="dwk_…"${error && html` aria-describedby="login-error" aria-invalid="true"`} autofocus>
<button type="submit" class="primary">Sign in</button>
</form>
<p class="muted">The key is checked once and never stored in your browser: you get an HTTP-only session cookie valid for 12 hours. Sign out ends the session on the server.</p>
</section>`;
}

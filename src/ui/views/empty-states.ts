/**
 * Empty states that say what to do next.
 * @module
 */
import { html, type SafeHtml } from '../../renderers/html/html.ts';

/** A path segment for a shell snippet: percent-encoded, with `'` encoded too so it fits in single quotes. */
function seg(s: string): string {
  return encodeURIComponent(s).replace(/'/g, '%27');
}

/** No model yet: how to send the first records (and labels) with curl, and where the clients are. */
export function noModelsYet(origin: string, project: string): SafeHtml {
  const base = `${origin}/v1/projects/${seg(project)}`;
  const curl = `# 1. An ingest key for this project (with the server key or a project admin key):
curl -s -X POST '${base}/keys' \\
  -H 'Authorization: Bearer <admin key>' -H 'Content-Type: application/json' \\
  -d '{"scopes":["ingest"]}'

# 2. Send predictions: the model is created from the first batch, its schema inferred.
curl -s -X POST '${base}/models/my-model/predictions' \\
  -H 'Authorization: Bearer <ingest key>' -H 'Content-Type: application/json' \\
  -d '[{"id":"r-1","features":{"income":52000,"age":41,"region":"north"},"prediction":0,"score":0.12}]'

# 3. Later, the ground truth (joined on id):
curl -s -X POST '${base}/models/my-model/labels' \\
  -H 'Authorization: Bearer <ingest key>' -H 'Content-Type: application/json' \\
  -d '[{"id":"r-1","target":0}]'`;
  return html`<section class="empty" id="empty-models"><h2>No models yet</h2>
<p>Models appear here as soon as they send predictions. Send a first batch with curl:</p>
<pre class="snippet"><code>${curl}</code></pre>
<p class="muted">Or use a client with batching and retries: the TypeScript client (<code>driftwatch/client</code>) or the single-file Python client (<code>clients/python/driftwatch_client.py</code>). Windows are evaluated an hour (plus a grace period) after they start; the first full day of data serves as reference until you upload one.</p></section>`;
}

/** No labels yet: what the quality tab shows meanwhile. */
export function noLabelsYet(hasEstimates: boolean): SafeHtml {
  return html`<section class="empty" id="empty-labels"><h2>No labels yet</h2>
<p>Realized quality needs ground truth: send it with <code>POST …/models/{model}/labels</code> (<code>{ "id", "target" }</code>, any time after the prediction — it joins the prediction's window).</p>
<p>${
    hasEstimates
      ? 'Meanwhile the charts show CBPE estimates (confidence-based performance estimation, as in NannyML): the expected metric computed from the model’s own calibrated scores, drawn as an orange dashed line with squares. CBPE assumes the relation between features and target has not changed, so it sees data drift but not concept drift — realized values replace it as labels arrive.'
      : 'When predictions carry a score (`score` or `scores`), the charts show CBPE estimates meanwhile (confidence-based performance estimation): the expected metric from the model’s calibrated scores. Without scores or labels there is no quality figure.'
  }</p></section>`;
}

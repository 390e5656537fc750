/**
 * The dashboard's stylesheet: the batch report's stylesheet (same look, the same chart classes, so the report's
 * SVG charts render identically here) plus the dashboard's own rules. Served as `/assets/dashboard.css`; the
 * pages' Content-Security-Policy allows styles from the server's origin only (no inline `style` attributes).
 *
 * Palette: Okabe–Ito (Okabe & Ito 2008, "Color Universal Design") for fills — blue #0072B2, orange #E69F00,
 * vermillion #D55E00, bluish green #009E73 — which colour-blind readers can tell apart; text colours are the
 * report's darker variants for contrast. Every status also has a symbol and a word (▲ alert, ! warning, ✓ ok).
 * @module
 */
import { STYLES } from '../../renderers/html/styles.ts';

const DASHBOARD = `
:root{--alert:#b3261e;--alertfill:#D55E00;--warnfill:#E69F00;--okfill:#009E73;--focus:#0072B2}
@media (prefers-color-scheme:dark){:root{--alert:#ff8a80;--focus:#56b4e9}}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.skip{position:absolute;left:-999px;top:.3rem;background:var(--bg);padding:.3rem .6rem;z-index:5}
.skip:focus{left:.5rem}
header.top .brand{font-weight:700;font-size:1.05rem;color:inherit;text-decoration:none;margin-right:.4rem}
header.top .crumbs{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
header.top .crumbs a{color:inherit}
header.top .who{margin-left:auto;display:flex;gap:.8rem;align-items:center;color:var(--muted);font-size:.9em}
header.top form{margin:0}
button,.button{font:inherit;padding:.3rem .8rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}
button.primary{background:#0072B2;border-color:#0072B2;color:#fff;font-weight:600}
input,select{font:inherit;padding:.3rem .45rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
h1.page{font-size:1.35rem;margin:1.2rem 0 .3rem;overflow-wrap:anywhere}
.sub{color:var(--muted);margin:0 0 .8rem}
.warnbar{background:var(--driftbg);border:1px solid var(--alert);padding:.4rem .8rem;border-radius:6px;margin-top:.8rem}
.badge{display:inline-flex;gap:.3rem;align-items:baseline;padding:.05rem .5rem;border-radius:1rem;border:1px solid currentColor;font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
.lvl-alert{color:var(--alert)}.lvl-warn{color:var(--warn)}.lvl-ok{color:var(--ok)}.lvl-none{color:var(--muted)}
.badge.lvl-alert{background:var(--driftbg)}
table.models td{vertical-align:top}
table.models td.name a{font-weight:650;font-size:1.02rem;overflow-wrap:anywhere}
.fig{display:flex;flex-direction:column;align-items:flex-start;gap:.15rem;min-width:7.5rem}
.fig .detail{font-size:.82em;color:var(--muted);max-width:15rem}
svg.spark{display:block}
svg.spark .line{fill:none;stroke:var(--muted);stroke-width:1.4}
svg.spark .band{fill:var(--muted);fill-opacity:.16}
svg.spark .dot-alert{fill:var(--alertfill)}svg.spark .dot-warn{fill:var(--warnfill)}svg.spark .dot-ok{fill:var(--okfill)}svg.spark .dot-none{fill:var(--muted)}
.live{color:var(--muted);font-size:.9em}
.live[data-state=error]{color:var(--alert)}
nav.tabs{border-bottom:1px solid var(--line);margin:.6rem 0 0}
nav.tabs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem;margin:0;padding:0}
nav.tabs a{display:inline-block;padding:.45rem .9rem;color:inherit;text-decoration:none;border:1px solid transparent;border-bottom:none;border-radius:6px 6px 0 0}
nav.tabs a[aria-current=page]{border-color:var(--line);background:var(--bg);font-weight:650;position:relative;top:1px;box-shadow:inset 0 3px var(--focus)}
nav.tabs a:hover{background:var(--panel)}
form.range{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.8rem 0;padding:.5rem .8rem;background:var(--panel);border:1px solid var(--line);border-radius:6px}
form.range label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted);gap:.15rem}
fieldset.switch{border:none;padding:0;margin:0;display:flex;gap:.2rem;align-items:center}
fieldset.switch legend{font-size:.85em;color:var(--muted);padding:0;float:left;margin-right:.4rem}
fieldset.switch label{flex-direction:row;gap:.25rem;color:var(--fg);font-size:1em;align-items:center}
.heatwrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;padding:.4rem}
table.heatmap{border-collapse:separate;border-spacing:2px;margin:0}
table.heatmap th,table.heatmap td{border:none;padding:0;background:none}
table.heatmap th[scope=row]{text-align:right;padding-right:.5rem;font-weight:600;white-space:nowrap;max-width:14rem;overflow:hidden;text-overflow:ellipsis}
table.heatmap thead th{font-size:10px;font-weight:400;color:var(--muted);height:1.3rem;vertical-align:bottom;white-space:nowrap}
table.heatmap thead th span{display:inline-block;transform:translateX(-25%)}
table.heatmap tr.pred th[scope=row]{font-style:italic}
table.heatmap tr.pred td{padding-bottom:6px}
a.cell{display:block;min-width:14px;height:22px;border-radius:3px;text-align:center;font-size:11px;line-height:22px;text-decoration:none;color:#1b1f24}
a.cell.c-none{background:var(--panel);color:var(--muted)}
a.cell.c-ok0{background:#d7e8f4}a.cell.c-ok1{background:#8fc0e0}
a.cell.c-d1{background:#f2a46e}a.cell.c-d2{background:#D55E00;color:#fff}
a.cell[aria-selected=true]{outline:2px solid var(--fg);outline-offset:1px}
.hm-legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85em;color:var(--muted);margin:.5rem 0}
.hm-legend .sw{display:inline-block;width:1.4em;height:1em;border-radius:2px;vertical-align:-.15em;margin-right:.3em;text-align:center;font-size:10px;line-height:1em;color:#1b1f24}
.hm-legend .sw.c-ok0{background:#d7e8f4}.hm-legend .sw.c-ok1{background:#8fc0e0}.hm-legend .sw.c-d1{background:#f2a46e}.hm-legend .sw.c-d2{background:#D55E00;color:#fff}.hm-legend .sw.c-none{background:var(--panel)}
#cell-detail{margin-top:1rem;min-height:2rem}
.panel{border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;background:var(--bg)}
.panel h2,.panel h3{margin-top:.2rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:1rem;margin-top:1rem}
figure.chart-panel{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;min-width:0}
figure.chart-panel h3{margin:.1rem 0 .3rem;font-size:.98rem}
figure.chart-panel .plot{min-height:40px}
figure.chart-panel.enhanced .static{display:none}
figure.chart-panel figcaption{max-width:none}
.key-line{display:inline-block;width:1.6em;height:0;border-top:2px solid;vertical-align:middle;margin-right:.3em}
.k-blue{border-color:#0072B2}.k-orange{border-color:#E69F00;border-top-style:dashed}.k-verm{border-color:#D55E00;border-top-style:dotted}.k-green{border-color:#009E73;border-top-style:dashed}
.k-band{display:inline-block;width:1.2em;height:.8em;background:rgba(89,99,110,.25);vertical-align:-.05em;margin-right:.3em}
.k-alert{color:var(--alertfill)}
.empty{border:1px dashed var(--line);border-radius:8px;padding:1rem 1.2rem;margin:1rem 0;background:var(--panel)}
.empty h2{margin-top:0}
pre.snippet{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;overflow-x:auto;font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
.login{max-width:30rem;margin:4rem auto;padding:1.5rem 1.8rem;border:1px solid var(--line);border-radius:10px;background:var(--panel)}
.login label{display:block;font-weight:600;margin-bottom:.3rem}
.login input{width:100%;margin-bottom:.8rem}
.error{color:var(--alert);font-weight:600}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem}
table.compare td.num{min-width:7rem}
.tag{display:inline-block;padding:0 .45rem;margin:0 .2rem .1rem 0;border-radius:1rem;background:var(--panel);border:1px solid var(--line);font-size:.85em}
.uplot{font-family:system-ui,sans-serif}
.u-legend{font-size:12px;margin:.2rem 0 0}
.u-legend th,.u-legend td{background:none;border:none;padding:.05rem .3rem;font-weight:400}
.u-legend .u-label{font-weight:600}
figure.dist figcaption{max-width:none;margin:0 0 .3rem}
`.trim();

/** The whole stylesheet served at `/assets/dashboard.css`. */
export const DASHBOARD_STYLES = `${STYLES}\n${DASHBOARD}\n`;

/**
 * The report's only stylesheet (inlined; system fonts only, no web fonts). Its SHA-256 is listed in
 * the page's Content-Security-Policy, so `STYLES_SHA256` must change with it (a test checks).
 * @module
 */

export const STYLES = `
:root{--fg:#1b1f24;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;--drift:#b3261e;--driftbg:#fdecea;--ok:#1a7f37;--warn:#8a5a00;--ref:#0072B2;--cur:#E69F00;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9aa5b1;--bg:#0d1117;--panel:#161b22;--line:#30363d;--drift:#ff8a80;--driftbg:#3a1614;--ok:#56d364;--warn:#e3b341}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header.top{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem;padding:.5rem 1.5rem;background:var(--panel);border-bottom:1px solid var(--line)}
header.top h1{font-size:1.05rem;margin:0}
nav a{color:inherit;margin-right:.9rem;text-decoration:none;border-bottom:1px dotted var(--muted)}
nav a:hover{border-bottom-style:solid}
main{max-width:1400px;margin:0 auto;padding:0 1.5rem 2rem}
section{margin-top:1.6rem}
h2{font-size:1.15rem;margin:0 0 .5rem;scroll-margin-top:4rem}
h3{font-size:1rem;margin:1.1rem 0 .4rem}
.muted,.note{color:var(--muted)}
.note{margin:.4rem 0}
.verdict{font-size:1.3rem;font-weight:650;margin:.4rem 0}
.pill{display:inline-block;padding:.05rem .55rem;border-radius:1rem;font-weight:600;border:1px solid currentColor}
.drift{color:var(--drift)}
.ok{color:var(--ok)}
.na{color:var(--muted)}
.warn{color:var(--warn);font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.3rem 0}
th,td{padding:.3rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{font-weight:600;background:var(--panel);white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{font-weight:600;overflow-wrap:break-word;max-width:18rem}
td.name .muted{font-weight:400}
table.wide{font-size:13px}
table.wide th{white-space:normal;vertical-align:bottom}
table.wide td.num{white-space:nowrap}
td.top{min-width:8rem}
td.msg{overflow-wrap:anywhere;max-width:50rem}
tr.drifted td{background:var(--driftbg)}
tr.drifted td:first-child{box-shadow:inset 3px 0 var(--drift)}
tbody.col tr:first-child td{border-top:2px solid var(--line)}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.legend{display:inline-flex;gap:1rem;margin-left:1rem;font-size:.9em;font-weight:400}
.key{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
.key.r{background:var(--ref)}.key.c{background:var(--cur)}
svg.chart{display:block;font:10px system-ui,sans-serif}
svg.chart text{fill:var(--muted)}
svg.chart .r{fill:var(--ref)}svg.chart .c{fill:var(--cur)}
svg.chart .axis{stroke:var(--muted)}svg.chart .grid{stroke:var(--line);stroke-dasharray:2 2}
svg.chart .lr{stroke:var(--ref)}svg.chart .lc{stroke:var(--cur)}svg.chart circle.lr{fill:var(--ref)}svg.chart rect.lc{fill:var(--cur)}
svg.chart .diag{stroke:var(--muted)}svg.chart .lbg{fill:var(--bg)}svg.chart .axt,svg.chart .legend text{fill:var(--fg)}
svg.seg .worse{fill:var(--drift)}svg.seg .better{fill:var(--ok)}svg.seg .axis{stroke:var(--muted)}
.figs{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}
figure{margin:0}figcaption{font-size:.9em;color:var(--muted);max-width:300px;margin-top:.2rem}
table.cm caption{text-align:left;font-weight:600;padding:.2rem 0}table.cm td{min-width:5.5rem}.cmn{font-size:.8em;color:var(--muted)}
.hm1{background:rgba(0,114,178,.1)}.hm2{background:rgba(0,114,178,.22)}.hm3{background:rgba(0,114,178,.38)}.hm4{background:rgba(0,114,178,.6);color:#fff}.hm5{background:rgba(0,114,178,.82);color:#fff}
.hm4 .muted,.hm5 .muted,.hm4 .cmn,.hm5 .cmn{color:inherit}
tr.failed td{background:var(--driftbg)}tr.failed td:first-child{box-shadow:inset 3px 0 var(--drift)}
tr.small td{color:var(--muted)}.nw,table.wide td.nw{white-space:nowrap}td.path{min-width:14rem;max-width:22rem;overflow-wrap:anywhere}table.tests td.msg{min-width:18rem}
div.fair table{margin-bottom:.8rem}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--muted)}
th.sort{cursor:pointer}th.sort::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending]::after{content:" \\2191"}th[aria-sort=descending]::after{content:" \\2193"}
footer{margin-top:2rem;padding-top:.6rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9em}
`.trim();

/** base64 SHA-256 of `STYLES`, for the Content-Security-Policy `style-src`. */
export const STYLES_SHA256 = 'SUrToJuId0w6hEDoWIEeEe2MRz0Mboht7hT/Uo81x3A=';

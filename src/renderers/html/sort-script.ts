/**
 * The report's only script (inlined, optional): click or press Enter on a header of a
 * `table.sortable` to sort its rows; cells may carry a numeric sort key in `data-v` (NaN sorts last).
 * The page is complete without it. Its SHA-256 is listed in the page's Content-Security-Policy, so
 * `SORT_SCRIPT_SHA256` must change with it (a test checks).
 * @module
 */

export const SORT_SCRIPT = `
for(const t of document.querySelectorAll('table.sortable')){const hs=[...t.tHead.rows[0].cells];hs.forEach((th,i)=>{if('nosort'in th.dataset)return;th.tabIndex=0;th.classList.add('sort');const key=r=>{const c=r.cells[i],v=c.dataset.v;return v===undefined?c.textContent.trim().toLowerCase():Number(v)};const go=()=>{const asc=th.getAttribute('aria-sort')!=='ascending';for(const h of hs)h.removeAttribute('aria-sort');th.setAttribute('aria-sort',asc?'ascending':'descending');const b=t.tBodies[0];const rows=[...b.rows].sort((x,y)=>{const a=key(x),c=key(y);if(typeof a==='number'&&typeof c==='number'){if(Number.isNaN(a)||Number.isNaN(c))return Number.isNaN(a)-Number.isNaN(c);return asc?a-c:c-a}return asc?String(a).localeCompare(c):String(c).localeCompare(a)});for(const r of rows)b.append(r)};th.addEventListener('click',go);th.addEventListener('keydown',e=>{if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})})}
`.trim();

/** base64 SHA-256 of `SORT_SCRIPT`, for the Content-Security-Policy `script-src`. */
export const SORT_SCRIPT_SHA256 = 'JhCsw3kifWeO/E55yvVjeVdMI7cN0C6jwbN6AaJoEcM=';

/**
 * The dashboard's only script, served as `/assets/dashboard.js` (the pages' CSP allows scripts from the
 * server's origin only — no inline script, no other origin). Every page works without it; it adds:
 * - live refresh of the overview (polls `data-live`, swaps the rows, says when the data was last updated);
 * - interactive series with uPlot (drag to zoom, double-click to reset; cursor and zoom synced across panels),
 *   replacing the static SVG of each `figure[data-chart]`;
 * - the drift heatmap's keyboard navigation (arrow keys, Home/End; one tab stop) and opening a cell's
 *   distribution in place (a link otherwise).
 * Plain ES2017, no build step; kept as a string so it ships inside the bundle like the report's sort script.
 * @module
 */

export const DASHBOARD_SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  var SYNC = 'dw';

  function fmtNumber(x) {
    if (x === null || x === undefined || isNaN(x)) return '—';
    if (x === 0) return '0';
    var a = Math.abs(x);
    if (a >= 1e6 || a < 1e-4) return x.toExponential(2);
    return String(Number(x.toPrecision(4)));
  }
  function fmtShare(x) {
    if (x === null || x === undefined || isNaN(x)) return '—';
    return String(Number((x * 100).toPrecision(3))) + '%';
  }
  function formatter(kind) {
    if (kind === 'share') return fmtShare;
    if (kind === 'ms') return function (x) { return x === null || x === undefined ? '—' : fmtNumber(x) + ' ms'; };
    return fmtNumber;
  }

  /* Live refresh of the overview: poll a small JSON endpoint, swap the rows, say when. */
  function startLive(live) {
    var url = live.getAttribute('data-live');
    var every = Number(live.getAttribute('data-interval')) || 15000;
    var status = doc.getElementById('live-status');
    var timer = null;
    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(tick, every);
    }
    function tick() {
      if (doc.hidden) return schedule();
      fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) {
          if (r.status === 401) throw new Error('signed out — reload to sign in again');
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(function (j) {
          if (j.version !== live.getAttribute('data-version')) {
            live.innerHTML = j.html;
            live.setAttribute('data-version', j.version);
          }
          if (status) {
            status.textContent = j.updated;
            status.removeAttribute('data-state');
          }
          schedule();
        })
        .catch(function (e) {
          if (status) {
            status.textContent = 'Refresh failed (' + e.message + '); retrying.';
            status.setAttribute('data-state', 'error');
          }
          schedule();
        });
    }
    doc.addEventListener('visibilitychange', function () {
      if (!doc.hidden) tick();
    });
    schedule();
  }

  /* Interactive series (uPlot): zoom by dragging, double-click to reset, cursor and zoom synced across panels. */
  var charts = [];
  var syncing = false;
  function zoomAll(src, min, max) {
    if (syncing) return;
    syncing = true;
    charts.forEach(function (u) {
      if (u !== src) u.setScale('x', { min: min, max: max });
    });
    syncing = false;
  }
  function resetAll() {
    syncing = true;
    charts.forEach(function (u) {
      var x = u.data[0];
      if (x.length) u.setScale('x', { min: x[0], max: x[x.length - 1] });
    });
    syncing = false;
  }
  function makeChart(fig) {
    var spec = JSON.parse(fig.getAttribute('data-chart'));
    var plot = fig.querySelector('.plot');
    if (!plot || !spec.x || spec.x.length === 0) return;
    var fmt = formatter(spec.format);
    var series = [{ label: 'window (UTC)' }];
    var data = [spec.x];
    spec.series.forEach(function (s) {
      series.push({
        label: s.label,
        stroke: s.color,
        width: 2,
        dash: s.dash || undefined,
        spanGaps: false,
        points: { show: true, size: s.marker === 'square' ? 6 : 5, fill: s.color, stroke: s.color },
        value: function (u, v) { return fmt(v); }
      });
      data.push(s.values);
    });
    if (spec.alerts && spec.alerts.length) {
      var marks = spec.x.map(function () { return null; });
      spec.alerts.forEach(function (a) { marks[a.i] = a.v; });
      series.push({
        label: '▲ alert (outside band)',
        stroke: '#D55E00',
        paths: function () { return null; },
        points: { show: true, size: 12, width: 2, space: 0, stroke: '#D55E00', fill: 'rgba(213,94,0,0.25)' },
        value: function (u, v) { return v === null || v === undefined ? '' : '▲ ' + fmt(v); }
      });
      data.push(marks);
    }
    var band = spec.band || null;
    var yScale = {
      range: function (u, min, max) {
        var lo = min, hi = max;
        if (band) {
          lo = lo === null ? band.lower : Math.min(lo, band.lower);
          hi = hi === null ? band.upper : Math.max(hi, band.upper);
        }
        if (spec.bounds) {
          if (lo === null || lo < spec.bounds[0]) lo = lo === null ? spec.bounds[0] : Math.max(lo, spec.bounds[0]);
          if (hi === null || hi > spec.bounds[1]) hi = hi === null ? spec.bounds[1] : Math.min(hi, spec.bounds[1]);
        }
        if (lo === null || hi === null) return [0, 1];
        if (hi - lo < 1e-12) { var p = lo === 0 ? 1 : Math.abs(lo) * 0.05; lo -= p; hi += p; }
        var pad = (hi - lo) * 0.08;
        return [lo - pad, hi + pad];
      }
    };
    var opts = {
      width: Math.max(plot.clientWidth, 280),
      height: spec.height || 220,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      cursor: { sync: { key: SYNC }, drag: { x: true, y: false } },
      scales: { x: { time: true }, y: yScale },
      axes: [
        { stroke: '#59636e', grid: { stroke: 'rgba(128,128,128,0.15)' } },
        { stroke: '#59636e', size: 60, grid: { stroke: 'rgba(128,128,128,0.15)' }, values: function (u, vals) { return vals.map(fmt); } }
      ],
      series: series,
      hooks: {
        drawClear: [function (u) {
          if (!band) return;
          var top = u.valToPos(band.upper, 'y', true);
          var bot = u.valToPos(band.lower, 'y', true);
          var ctx = u.ctx;
          ctx.save();
          ctx.fillStyle = 'rgba(89,99,110,0.16)';
          ctx.fillRect(u.bbox.left, Math.min(top, bot), u.bbox.width, Math.max(Math.abs(bot - top), 1));
          ctx.restore();
        }],
        setSelect: [function (u) {
          if (u.select.width > 0) {
            zoomAll(u, u.posToVal(u.select.left, 'x'), u.posToVal(u.select.left + u.select.width, 'x'));
          }
        }]
      }
    };
    var u = new uPlot(opts, data, plot);
    u.over.addEventListener('dblclick', function () { setTimeout(resetAll, 0); });
    charts.push(u);
    fig.classList.add('enhanced');
  }
  function startCharts() {
    var figs = doc.querySelectorAll('figure[data-chart]');
    if (!figs.length || typeof uPlot === 'undefined') return;
    for (var i = 0; i < figs.length; i++) {
      try { makeChart(figs[i]); } catch (e) { if (window.console) console.warn('chart', e); }
    }
    var t = null;
    window.addEventListener('resize', function () {
      clearTimeout(t);
      t = setTimeout(function () {
        charts.forEach(function (u) {
          var w = Math.max(u.root.parentNode.clientWidth, 280);
          u.setSize({ width: w, height: u.height });
        });
      }, 150);
    });
  }

  /* Drift heatmap: arrow keys move between cells (one tab stop), Enter/click opens the cell's distribution. */
  function startHeatmap(grid) {
    var detail = doc.getElementById('cell-detail');
    var cells = Array.prototype.slice.call(grid.querySelectorAll('a.cell'));
    if (!cells.length) return;
    var byPos = {};
    var current = cells[0];
    cells.forEach(function (a) {
      byPos[a.getAttribute('data-r') + ':' + a.getAttribute('data-c')] = a;
      a.tabIndex = -1;
      if (a.getAttribute('aria-selected') === 'true') current = a;
    });
    current.tabIndex = 0;
    function moveTo(a) {
      if (!a) return;
      current.tabIndex = -1;
      a.tabIndex = 0;
      current = a;
      a.focus();
    }
    grid.addEventListener('keydown', function (e) {
      var a = e.target.closest ? e.target.closest('a.cell') : null;
      if (!a) return;
      var r = Number(a.getAttribute('data-r'));
      var c = Number(a.getAttribute('data-c'));
      var last = Number(a.getAttribute('data-last'));
      var next = null;
      if (e.key === 'ArrowRight') next = byPos[r + ':' + (c + 1)];
      else if (e.key === 'ArrowLeft') next = byPos[r + ':' + (c - 1)];
      else if (e.key === 'ArrowDown') next = byPos[(r + 1) + ':' + c];
      else if (e.key === 'ArrowUp') next = byPos[(r - 1) + ':' + c];
      else if (e.key === 'Home') next = byPos[r + ':0'];
      else if (e.key === 'End') next = byPos[r + ':' + last];
      else return;
      e.preventDefault();
      moveTo(next);
    });
    if (!detail) return;
    grid.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a.cell') : null;
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
      e.preventDefault();
      cells.forEach(function (c) { c.removeAttribute('aria-selected'); });
      a.setAttribute('aria-selected', 'true');
      current.tabIndex = -1;
      a.tabIndex = 0;
      current = a;
      detail.setAttribute('aria-busy', 'true');
      var href = a.getAttribute('href');
      fetch(href + (href.indexOf('?') < 0 ? '?' : '&') + 'fragment=1', { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.text();
        })
        .then(function (t) {
          detail.innerHTML = t;
          detail.removeAttribute('aria-busy');
        })
        .catch(function (err) {
          detail.textContent = 'Could not load this cell: ' + err.message;
          detail.removeAttribute('aria-busy');
        });
    });
  }

  /* Empty overview: reload once the first model has data. */
  function startReload(el) {
    var url = el.getAttribute('data-live-reload');
    var every = Number(el.getAttribute('data-interval')) || 15000;
    setInterval(function () {
      if (doc.hidden) return;
      fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) { if (j && j.html && j.html.trim() !== '') location.reload(); })
        .catch(function () {});
    }, every);
  }

  function start() {
    var live = doc.querySelector('[data-live]');
    if (live) startLive(live);
    var empty = doc.querySelector('[data-live-reload]');
    if (empty) startReload(empty);
    startCharts();
    var grid = doc.querySelector('table.heatmap');
    if (grid) startHeatmap(grid);
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
`.trim();

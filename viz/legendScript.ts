/**
 * Hiding and showing scenarios in charts, for the reports (viz/reportAssets.ts)
 * and the explorer (prepended to its page script by viz/explorer/build.ts):
 * one script, so both behave alike. Clicking a chart's legend key (or, in a
 * report, unticking a scenario) hides that scenario's series in every chart,
 * dims its legend keys, and rescales each value axis drawn by
 * viz/charts/rescale.ts to the series still shown: it shows the axis variant
 * of the pair (lowest low, highest high) of the visible series and moves the
 * marks by the affine map from the drawn domain to the shown one (circles and
 * texts by their y, glyphs with `data-cy` by a translation, other marks by a
 * transform with a non-scaling stroke). The pyramid's horizontal bar axes
 * (g.x-scale, one per panel) pick their variant the same way, and its bars,
 * which carry the x of 0 in data-anchor, get the x and width of the domain shown.
 * Charts added later (the explorer redraws its charts as a run goes on) get
 * the same state. The script reads only data attributes, never interpolated
 * input, and writes no text.
 */

/** CSS of hidden series and legend keys that toggle. */
export const LEGEND_CSS = `
svg.chart .series.is-hidden { display: none; }
svg.chart .legend-item[data-scenario] { cursor: pointer; }
svg.chart .legend-item.is-off { opacity: .3; }
`;

/** The script (plain ES5, an IIFE). */
export const LEGEND_SCRIPT = `
(function () {
  'use strict';
  var hidden = Object.create(null);
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function nums(s) { return (s || '').split(' ').map(Number); }
  function r4(v) { return Math.round(v * 10000) / 10000; }
  function anyHidden() { for (var k in hidden) return true; return false; }
  function move(el, s, t, identity) {
    var tag = el.nodeName.toLowerCase();
    if (tag === 'g' || tag === 'title' || tag === 'tspan' || tag === 'desc') return;
    if (tag === 'circle' || tag === 'text') {
      var a = tag === 'circle' ? 'cy' : 'y';
      if (!el.hasAttribute('data-y0')) el.setAttribute('data-y0', el.getAttribute(a) || '0');
      var y0 = Number(el.getAttribute('data-y0'));
      el.setAttribute(a, String(identity ? y0 : r4(s * y0 + t)));
      return;
    }
    if (!el.hasAttribute('data-transform0')) el.setAttribute('data-transform0', el.getAttribute('transform') || '');
    var t0 = el.getAttribute('data-transform0');
    if (el.hasAttribute('data-cy')) {
      // A glyph centred at data-cy (a net-migration diamond) moves without changing shape.
      var cy = Number(el.getAttribute('data-cy'));
      if (identity) { if (t0) el.setAttribute('transform', t0); else el.removeAttribute('transform'); }
      else el.setAttribute('transform', 'translate(0 ' + r4(s * cy + t - cy) + ')' + (t0 ? ' ' + t0 : ''));
      return;
    }
    if (identity) {
      if (t0) el.setAttribute('transform', t0); else el.removeAttribute('transform');
      el.removeAttribute('vector-effect');
      return;
    }
    el.setAttribute('transform', 'matrix(1 0 0 ' + r4(s) + ' 0 ' + r4(t) + ')' + (t0 ? ' ' + t0 : ''));
    el.setAttribute('vector-effect', 'non-scaling-stroke');
  }
  // The variant of a scale group (g.y-scale or g.x-scale) for the visible series: that of the
  // pair (lowest low, highest high), the first (every series) when none is visible.
  function pickVariant(sc, cls) {
    var ids;
    try { ids = JSON.parse(sc.getAttribute('data-series') || '[]'); } catch (e) { return null; }
    var lo = nums(sc.getAttribute('data-lo')), hi = nums(sc.getAttribute('data-hi'));
    var i0 = -1, j0 = -1;
    for (var k = 0; k < ids.length; k++) {
      if (hidden[ids[k]] === true || !isFinite(lo[k]) || !isFinite(hi[k])) continue;
      if (i0 < 0 || lo[k] < lo[i0]) i0 = k;
      if (j0 < 0 || hi[k] > hi[j0]) j0 = k;
    }
    var variants = Array.prototype.filter.call(sc.children, function (c) { return c.classList.contains(cls); });
    if (variants.length === 0) return null;
    var pick = variants[0];
    if (i0 >= 0) {
      var key = ' ' + i0 + '-' + j0 + ' ';
      variants.forEach(function (v) { if ((' ' + (v.getAttribute('data-pairs') || '') + ' ').indexOf(key) >= 0) pick = v; });
    }
    variants.forEach(function (v) { if (v === pick) v.removeAttribute('display'); else v.setAttribute('display', 'none'); });
    return { pick: pick, identity: pick === variants[0], d0: nums(sc.getAttribute('data-domain')), d1: nums(pick.getAttribute('data-domain')) };
  }
  // The marks drawn with the scale named by a scale group's data-scale.
  function marksOf(svg, sc, f) {
    var id = sc.getAttribute('data-scale');
    each(svg.querySelectorAll('[data-scale]'), function (g) {
      if (g.classList.contains('y-scale') || g.classList.contains('x-scale') || g.getAttribute('data-scale') !== id) return;
      each(g.querySelectorAll('*'), f);
    });
  }
  // A horizontal bar growing from data-anchor (the x of 0; domains from 0) is redrawn for the domain shown.
  function resizeBar(el, s, identity) {
    if (!el.hasAttribute('data-anchor')) return;
    if (!el.hasAttribute('data-x0')) { el.setAttribute('data-x0', el.getAttribute('x') || '0'); el.setAttribute('data-w0', el.getAttribute('width') || '0'); }
    var a = Number(el.getAttribute('data-anchor')), x0 = Number(el.getAttribute('data-x0')), w0 = Number(el.getAttribute('data-w0'));
    el.setAttribute('x', String(identity ? x0 : r4(a + (x0 - a) * s)));
    el.setAttribute('width', String(identity ? w0 : r4(w0 * s)));
  }
  function rescale(svg) {
    each(svg.querySelectorAll('g.y-scale'), function (sc) {
      var v = pickVariant(sc, 'y-variant');
      if (!v) return;
      var d0 = v.d0, d1 = v.d1;
      var top = Number(sc.getAttribute('data-top')), bottom = Number(sc.getAttribute('data-bottom'));
      var k1 = (bottom - top) / (d1[1] - d1[0]);
      var s = (d0[1] - d0[0]) / (d1[1] - d1[0]);
      var t = bottom - (d0[0] - d1[0]) * k1 - s * bottom;
      marksOf(svg, sc, function (el) { move(el, s, t, v.identity); });
    });
    // The pyramid: one g.x-scale per panel, all with the same domains; its bars are resized once.
    var done = Object.create(null);
    each(svg.querySelectorAll('g.x-scale'), function (sc) {
      var v = pickVariant(sc, 'x-variant');
      var id = sc.getAttribute('data-scale');
      if (!v || done[id] === true) return;
      done[id] = true;
      var s = (v.d0[1] - v.d0[0]) / (v.d1[1] - v.d1[0]);
      marksOf(svg, sc, function (el) { resizeBar(el, s, v.identity); });
    });
  }
  function applySvg(svg) {
    each(svg.querySelectorAll('[data-scenario]'), function (el) {
      var cls = el.classList.contains('series') ? 'is-hidden' : 'is-off';
      if (hidden[el.getAttribute('data-scenario')] === true) el.classList.add(cls); else el.classList.remove(cls);
    });
    rescale(svg);
  }
  function applyAll() { each(document.querySelectorAll('svg.chart'), applySvg); }
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.scenario-toggle'));
  function setHidden(id, off) {
    if (off) hidden[id] = true; else delete hidden[id];
    boxes.forEach(function (cb) { if (cb.getAttribute('data-scenario') === id) cb.checked = !off; });
    applyAll();
  }
  boxes.forEach(function (cb) {
    if (!cb.checked) hidden[cb.getAttribute('data-scenario')] = true;
    cb.addEventListener('change', function () { setHidden(cb.getAttribute('data-scenario'), !cb.checked); });
  });
  // Clicking a scenario's key in any chart legend hides it everywhere, or shows it again.
  document.addEventListener('click', function (e) {
    var item = e.target && e.target.closest ? e.target.closest('svg.chart .legend-item[data-scenario]') : null;
    if (!item) return;
    var id = item.getAttribute('data-scenario');
    setHidden(id, hidden[id] !== true);
  });
  if (anyHidden()) applyAll();
  // Charts drawn later get the same state.
  if (typeof MutationObserver === 'function' && document.body) {
    new MutationObserver(function (records) {
      if (!anyHidden()) return;
      records.forEach(function (r) {
        each(r.addedNodes, function (n) {
          if (n.nodeType !== 1) return;
          if (n.matches('svg.chart')) applySvg(n);
          each(n.querySelectorAll('svg.chart'), applySvg);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
`;

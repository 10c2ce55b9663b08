// A small hand-drawn SVG chart of a tenant's last runs: bars for duration, dots joined by a line for changes.
import { svg, el, duration, changed } from './dom.js';

const W = 320;
const H = 110;
const PAD = { left: 34, right: 34, top: 10, bottom: 20 };

function niceMax(value) {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  const f = value / exp;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * exp;
}

function shortDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60000) return `${Math.round(ms / 100) / 10}s`;
  return `${Math.round(ms / 60000)}m`;
}

/** runs: newest first, as the API lists them. Answers a <figure>. */
export function runChart(tenant, runs) {
  const last = runs.filter((r) => r.status !== 'QUEUED' && r.status !== 'RUNNING').slice(0, 12).reverse();
  const figure = el('figure.chart');
  if (last.length === 0) {
    figure.append(el('figcaption.muted', null, 'No finished runs yet.'));
    return figure;
  }
  const maxMs = niceMax(Math.max(...last.map((r) => r.durationMs || 0)));
  const maxChanges = niceMax(Math.max(...last.map((r) => changed(r.counts))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / last.length;
  const barW = Math.max(4, Math.min(18, slot * 0.6));
  const y = (v, max) => PAD.top + plotH - (v / max) * plotH;

  const summary = `Last ${last.length} runs of ${tenant}: durations from ${duration(Math.min(...last.map((r) => r.durationMs || 0)))}`
    + ` to ${duration(Math.max(...last.map((r) => r.durationMs || 0)))}, up to ${Math.max(...last.map((r) => changed(r.counts)))} changes per run.`;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, class: 'chart-svg' });

  // grid and axes labels
  [0, 0.5, 1].forEach((f) => {
    const gy = PAD.top + plotH - f * plotH;
    chart.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: gy, y2: gy, class: 'grid' }));
    chart.append(svg('text', { x: PAD.left - 4, y: gy + 3, 'text-anchor': 'end', class: 'axis axis-ms' }, shortDuration(maxMs * f)));
    chart.append(svg('text', { x: W - PAD.right + 4, y: gy + 3, 'text-anchor': 'start', class: 'axis axis-changes' },
      String(Number((maxChanges * f).toFixed(1)))));
  });

  const points = [];
  last.forEach((r, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    const ms = r.durationMs || 0;
    const top = y(ms, maxMs);
    const bar = svg('rect', {
      x: cx - barW / 2, y: top, width: barW, height: Math.max(1, PAD.top + plotH - top), rx: 2,
      class: `bar bar-${r.status.toLowerCase()}${r.dryRun ? ' bar-dry' : ''}`,
    }, svg('title', null, `Run #${r.id} ${r.status}${r.dryRun ? ' (dry run)' : ''}: ${duration(r.durationMs)}, ${changed(r.counts)} changes`));
    chart.append(bar);
    points.push([cx, y(changed(r.counts), maxChanges), r]);
    chart.append(svg('text', { x: cx, y: H - 6, 'text-anchor': 'middle', class: 'axis' }, `#${r.id}`));
  });
  chart.append(svg('polyline', { points: points.map(([x, py]) => `${x.toFixed(1)},${py.toFixed(1)}`).join(' '), class: 'line' }));
  points.forEach(([x, py, r]) => chart.append(svg('circle', { cx: x, cy: py, r: 3, class: 'dot' },
    svg('title', null, `Run #${r.id}: ${changed(r.counts)} changes`))));

  figure.append(chart, el('figcaption.legend', null,
    el('span.legend-key.key-bar', { 'aria-hidden': 'true' }), ' duration (left axis) ',
    el('span.legend-key.key-line', { 'aria-hidden': 'true' }), ' changes (right axis)'));
  return figure;
}

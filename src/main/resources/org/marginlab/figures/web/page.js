// MarginLab's exported run page. Every number it shows is a cell of the run's figure CSVs (embedded as
// text by WebPageData, as `marginlab figures --format csv` writes them); this script only places them.
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('marginlab-data').textContent);
  const RUNS = D.runs;
  const DEG = 180 / Math.PI;
  const DEGREES_PER_PIXEL = 0.4; // as EmbeddingSphereFigure
  const view = { yaw: 35, pitch: 20 }; // the window's starting camera, shared by every sphere (linked rotation)

  // ---- CSV (RFC 4180, as FigureExporter writes it) ----
  function parseCsv(text) {
    const rows = [];
    let row = [], cell = '', q = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (q) {
        if (ch === '"') { if (text[i + 1] === '"') { cell += '"'; i++; } else q = false; } else cell += ch;
      } else if (ch === '"') q = true;
      else if (ch === ',') { row.push(cell); cell = ''; }
      else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
      else cell += ch;
    }
    if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
    const header = rows.shift() || [];
    const col = {};
    header.forEach((h, i) => { col[h] = i; });
    return { header, rows, col };
  }
  const num = s => (s === '' || s === undefined ? null : Number(s));
  const cache = new Map();
  function csv(text) { let c = cache.get(text); if (!c) { c = parseCsv(text); cache.set(text, c); } return c; }

  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    kids.forEach(k => e.append(k));
    return e;
  };
  const className = c => D.classNames[c] || ('class ' + c);
  const classColor = c => D.classColors[((c % 10) + 10) % 10];

  // ---- the shared timeline: every kept snapshot iteration of every run ----
  const times = [...new Set(RUNS.flatMap(r => r.snapshots.map(s => s.iteration)))].sort((a, b) => a - b);
  let tIndex = Math.max(0, times.length - 1);
  const T = () => times[tIndex];
  /** The run's snapshot shown at the timeline's iteration: its last one at or before it (its first before that). */
  function snapshotOf(r) {
    let best = r.snapshots[0];
    for (const s of r.snapshots) if (s.iteration <= T()) best = s;
    return best;
  }
  function epochAt(list) { // the last entry whose iteration is at or before T, else null
    let best = null;
    for (const e of list) if (e.iteration <= T()) best = e;
    return best;
  }

  // ---- header ----
  const first = RUNS[0];
  document.getElementById('title').textContent = RUNS.length === 1
    ? 'MarginLab run: ' + first.label + ', d = ' + first.dim
    : 'MarginLab comparison: ' + RUNS.map(r => r.label).join(' vs ');
  document.getElementById('subtitle').textContent = RUNS.map(r => r.directory).join(', ') + ' \u00b7 ' + D.generated;
  document.getElementById('footer').textContent = D.generator + '. Charts: uPlot ' + D.uplotVersion
    + ' (MIT). Numbers are the run\u2019s figure CSVs, digit for digit.';
  for (const n of D.notices) document.getElementById('notices').append(el('div', { class: 'notice', text: n }));

  // ---- embedding cells ----
  const cells = RUNS.map((r, ri) => {
    const canvas = el('canvas', { class: 'embedding ' + r.embeddingKind, 'data-run': ri });
    const title = el('h3', { text: r.label });
    const sub = el('p', { class: 'sub' });
    const box = el('div', { class: 'cell' }, title, sub, canvas);
    document.getElementById('cells').append(box);
    return { run: r, ri, canvas, sub, drawn: [] };
  });
  const kinds = new Set(RUNS.map(r => r.embeddingKind));
  document.getElementById('embedding-title').textContent = kinds.has('sphere') && !kinds.has('circle')
    ? 'Embedding on the unit sphere' : kinds.has('circle') && !kinds.has('sphere') ? 'Embedding on the unit circle' : 'Embedding';
  document.getElementById('embedding-hint').textContent = (kinds.has('sphere') ? 'Drag a sphere to turn it'
    + (RUNS.length > 1 ? ' (all turn together)' : '') + '. ' : '')
    + (kinds.has('circle') ? 'Circle: dashed rays are the class weights W\u2c7c, black lines the decision boundaries and grey wedges the margin regions at the snapshot\u2019s parameters. ' : '')
    + 'Hover a point for its picture, class, \u03b8\u1d67 and P\u1d67.';
  const legendClasses = [...new Set(RUNS.flatMap(r => r.classes))].sort((a, b) => a - b);
  for (const c of legendClasses) {
    document.getElementById('class-legend').append(el('span', {}, el('span', { class: 'chip', style: 'background:' + classColor(c) }), c + ' ' + className(c)));
  }

  function sizeCanvas(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(50, Math.round(canvas.clientWidth));
    const h = Math.max(50, Math.round(canvas.clientHeight || w));
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { g, w, h };
  }

  /** The embedding CSV of the cell's snapshot as points, W directions and (circle) boundaries and margins. */
  function embeddingOf(s) {
    const t = csv(s.csv), c = t.col;
    const sphere = 'x3' in c;
    const pts = [], ws = [], centers = [], bounds = [], margins = [];
    let start = null;
    for (const row of t.rows) {
      const kind = row[c.kind];
      const v = sphere ? [num(row[c.x1]), num(row[c.x2]), num(row[c.x3])] : [num(row[c.x]), num(row[c.y])];
      if (kind === 'point') pts.push({ v, cls: +row[c.class], id: row[c.id], theta: row[c.theta_y_rad], p: row[c.p_y] });
      else if (kind === 'weight_direction') ws.push({ v, cls: +row[c.class] });
      else if (kind === 'center') centers.push({ v, cls: +row[c.class] });
      else if (kind === 'decision_boundary') bounds.push(Math.atan2(v[1], v[0]));
      else if (kind === 'margin_region_start') start = Math.atan2(v[1], v[0]);
      else if (kind === 'margin_region_end' && start !== null) { margins.push([start, Math.atan2(v[1], v[0])]); start = null; }
    }
    return { pts, ws, centers, bounds, margins };
  }

  function unit(v) { const n = Math.hypot(...v) || 1; return v.map(x => x / n); }

  function drawCircle(cell, e) {
    const { g, w, h } = sizeCanvas(cell.canvas);
    g.clearRect(0, 0, w, h);
    const side = Math.min(w, h), R = 1.32, cx = w / 2, cy = h / 2, k = side / 2 / R;
    const X = x => cx + x * k, Y = y => cy - y * k;
    g.fillStyle = 'rgba(34,34,34,0.11)';
    for (const [a0, a1] of e.margins) { // counter-clockwise from a0 to a1, as Arc2D in the Java figure
      let end = a1; while (end <= a0) end += 2 * Math.PI;
      g.beginPath(); g.moveTo(cx, cy); g.arc(cx, cy, side, -a0, -end, true); g.closePath(); g.fill();
    }
    g.strokeStyle = '#ccd'; g.lineWidth = 1;
    g.beginPath(); g.moveTo(X(-R), Y(0)); g.lineTo(X(R), Y(0)); g.moveTo(X(0), Y(-R)); g.lineTo(X(0), Y(R)); g.stroke();
    g.strokeStyle = '#8a9099'; g.lineWidth = 1.2;
    g.beginPath(); g.arc(cx, cy, k, 0, 2 * Math.PI); g.stroke();
    g.strokeStyle = '#222'; g.lineWidth = 1.1;
    for (const b of e.bounds) { g.beginPath(); g.moveTo(cx, cy); g.lineTo(X(2 * R * Math.cos(b)), Y(2 * R * Math.sin(b))); g.stroke(); }
    g.setLineDash([6, 4]); g.lineWidth = 2;
    for (const wv of e.ws) {
      const u = unit(wv.v);
      g.strokeStyle = classColor(wv.cls);
      g.beginPath(); g.moveTo(cx, cy); g.lineTo(X(1.14 * u[0]), Y(1.14 * u[1])); g.stroke();
    }
    g.setLineDash([]);
    cell.drawn = [];
    const rad = e.pts.length > 2000 ? 1.9 : 2.7;
    for (let i = 0; i < e.pts.length; i++) {
      const p = e.pts[i], px = X(p.v[0]), py = Y(p.v[1]);
      g.fillStyle = classColor(p.cls);
      g.beginPath(); g.arc(px, py, rad, 0, 2 * Math.PI); g.fill();
      cell.drawn.push({ x: px, y: py, z: 0, i });
    }
    for (const c of e.centers) cross(g, X(c.v[0]), Y(c.v[1]), classColor(c.cls));
    g.font = '12px "DejaVu Sans", sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
    for (const wv of e.ws) {
      const u = unit(wv.v);
      g.fillStyle = classColor(wv.cls);
      g.beginPath(); g.arc(X(1.14 * u[0]), Y(1.14 * u[1]), 3, 0, 2 * Math.PI); g.fill();
      g.fillStyle = '#222';
      g.fillText('W' + wv.cls, X(1.25 * u[0]), Y(1.25 * u[1]));
    }
  }

  function cross(g, x, y, color) {
    g.strokeStyle = '#222'; g.lineWidth = 3.5;
    g.beginPath(); g.moveTo(x - 6, y - 6); g.lineTo(x + 6, y + 6); g.moveTo(x - 6, y + 6); g.lineTo(x + 6, y - 6); g.stroke();
    g.strokeStyle = color; g.lineWidth = 2; g.stroke();
  }

  /** Camera basis of EmbeddingSphereFigure: right, up and towards the viewer from yaw and pitch. */
  function camera() {
    const y = view.yaw / DEG, p = view.pitch / DEG;
    return {
      r: [-Math.sin(y), Math.cos(y), 0],
      u: [-Math.sin(p) * Math.cos(y), -Math.sin(p) * Math.sin(y), Math.cos(p)],
      v: [Math.cos(p) * Math.cos(y), Math.cos(p) * Math.sin(y), Math.sin(p)]
    };
  }
  const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  function mixWhite(hex, t) {
    const n = parseInt(hex.slice(1), 16), r = n >> 16, gg = (n >> 8) & 255, b = n & 255;
    const m = x => Math.round(x + (255 - x) * t);
    return 'rgb(' + m(r) + ',' + m(gg) + ',' + m(b) + ')';
  }

  function drawSphere(cell, e) {
    const { g, w, h } = sizeCanvas(cell.canvas);
    g.clearRect(0, 0, w, h);
    const cam = camera();
    const rr = Math.min(w, h) / 2 / 1.42, cx = w / 2, cy = h / 2; // room for the rays (1.22) and their labels
    const S = v => [cx + rr * dot(v, cam.r), cy - rr * dot(v, cam.u), dot(v, cam.v)];
    const grad = g.createRadialGradient(cx - rr * 0.35, cy - rr * 0.35, rr * 0.1, cx, cy, rr);
    grad.addColorStop(0, '#ffffff'); grad.addColorStop(1, '#e4e7ec');
    g.fillStyle = grad; g.beginPath(); g.arc(cx, cy, rr, 0, 2 * Math.PI); g.fill();
    wire(g, S, false);
    const proj = e.pts.map((p, i) => { const q = S(unit(p.v)); return { x: q[0], y: q[1], z: q[2], i, cls: p.cls }; });
    proj.sort((a, b) => a.z - b.z);
    const rays = e.ws.map(wv => ({ q: S(unit(wv.v).map(x => x * 1.22)), cls: wv.cls }));
    const drawRay = ray => {
      g.strokeStyle = ray.q[2] >= 0 ? classColor(ray.cls) : mixWhite(classColor(ray.cls), 0.55);
      g.lineWidth = ray.q[2] >= 0 ? 2 : 1.3; g.setLineDash([6, 4]);
      g.beginPath(); g.moveTo(cx, cy); g.lineTo(ray.q[0], ray.q[1]); g.stroke(); g.setLineDash([]);
      g.fillStyle = g.strokeStyle; g.beginPath(); g.arc(ray.q[0], ray.q[1], 3, 0, 2 * Math.PI); g.fill();
    };
    rays.filter(r => r.q[2] < 0).forEach(drawRay);
    let wired = false;
    for (const p of proj) {
      if (!wired && p.z >= 0) { wire(g, S, true); wired = true; }
      g.fillStyle = p.z >= 0 ? classColor(p.cls) : mixWhite(classColor(p.cls), 0.6);
      g.beginPath(); g.arc(p.x, p.y, p.z >= 0 ? 2.7 : 1.9, 0, 2 * Math.PI); g.fill();
    }
    if (!wired) wire(g, S, true);
    for (const c of e.centers) { const q = S(unit(c.v)); cross(g, q[0], q[1], classColor(c.cls)); }
    rays.filter(r => r.q[2] >= 0).forEach(drawRay);
    g.font = '12px "DejaVu Sans", sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
    for (const ray of rays) {
      const dx = ray.q[0] - cx, dy = ray.q[1] - cy, n = Math.hypot(dx, dy) || 1;
      g.fillStyle = ray.q[2] >= 0 ? '#222' : '#8a9099';
      g.fillText('W' + ray.cls, ray.q[0] + 12 * dx / n, ray.q[1] + 12 * dy / n);
    }
    // the axes, as in the window's corner
    const ox = 34, oy = h - 34, names = ['x\u2081', 'x\u2082', 'x\u2083'];
    g.lineWidth = 1.3; g.strokeStyle = '#667'; g.fillStyle = '#667';
    for (let a = 0; a < 3; a++) {
      const v = [0, 0, 0]; v[a] = 1;
      const qx = dot(v, cam.r), qy = dot(v, cam.u);
      g.beginPath(); g.moveTo(ox, oy); g.lineTo(ox + 22 * qx, oy - 22 * qy); g.stroke();
      g.fillText(names[a], ox + 31 * qx, oy - 31 * qy);
    }
    cell.drawn = proj;
  }

  /** Latitude and longitude circles every 30°, the near (front) or far halves, as the Java figure draws them. */
  function wire(g, S, front) {
    g.strokeStyle = front ? '#8a9099' : '#c3c7ce'; g.lineWidth = front ? 0.9 : 0.7;
    g.setLineDash(front ? [] : [3, 3]);
    const circle = f => {
      let prev = null;
      g.beginPath();
      for (let k = 0; k <= 96; k++) {
        const q = S(f(2 * Math.PI * k / 96));
        const vis = (q[2] >= 0) === front;
        if (vis && prev) g.lineTo(q[0], q[1]); else if (vis) g.moveTo(q[0], q[1]);
        prev = vis ? q : null;
      }
      g.stroke();
    };
    for (let lat = -60; lat <= 60; lat += 30) {
      const z = Math.sin(lat / DEG), rho = Math.cos(lat / DEG);
      circle(t => [rho * Math.cos(t), rho * Math.sin(t), z]);
    }
    for (let lon = 0; lon < 180; lon += 30) {
      const a = lon / DEG;
      circle(t => [Math.cos(a) * Math.cos(t), Math.sin(a) * Math.cos(t), Math.sin(t)]);
    }
    g.setLineDash([]);
  }

  function drawEmbeddings() {
    for (const cell of cells) {
      const s = snapshotOf(cell.run);
      if (!s) continue;
      cell.embedding = embeddingOf(s);
      cell.snapshot = s;
      cell.sub.textContent = 'iteration ' + s.iteration + ', epoch ' + s.epoch + ', ' + cell.embedding.pts.length
        + ' test probes' + (s.params ? ', ' + s.params : '') + (cell.run.dim > 3 ? '; PCA projection of d = ' + cell.run.dim + ' to 3-D' : '');
      if (cell.run.embeddingKind === 'circle') drawCircle(cell, cell.embedding); else drawSphere(cell, cell.embedding);
    }
  }

  // ---- drag to rotate (all spheres together) and hover ----
  const hover = document.getElementById('hover');
  let drag = null;
  for (const cell of cells) {
    const c = cell.canvas;
    if (cell.run.embeddingKind === 'sphere') {
      c.addEventListener('pointerdown', ev => { drag = { x: ev.clientX, y: ev.clientY }; c.setPointerCapture(ev.pointerId); c.classList.add('dragging'); hover.hidden = true; });
      c.addEventListener('pointerup', ev => { drag = null; c.classList.remove('dragging'); });
    }
    c.addEventListener('pointermove', ev => {
      if (drag) {
        view.yaw = ((view.yaw - (ev.clientX - drag.x) * DEGREES_PER_PIXEL) % 360 + 540) % 360 - 180;
        view.pitch = Math.max(-90, Math.min(90, view.pitch + (ev.clientY - drag.y) * DEGREES_PER_PIXEL));
        drag = { x: ev.clientX, y: ev.clientY };
        drawEmbeddings();
        return;
      }
      showProbe(cell, ev);
    });
    c.addEventListener('pointerleave', () => { hover.hidden = true; });
  }

  const sheets = RUNS.map(r => {
    if (!r.pictures) return null;
    const img = new Image();
    img.src = r.pictures.png;
    return img;
  });

  function showProbe(cell, ev) {
    const rect = cell.canvas.getBoundingClientRect();
    const x = ev.clientX - rect.left, y = ev.clientY - rect.top;
    let best = null;
    for (const d of cell.drawn) {
      const dd = Math.hypot(d.x - x, d.y - y);
      if (dd <= 6 && (!best || d.z > best.z || (d.z === best.z && dd < best.dd))) best = { ...d, dd };
    }
    if (!best) { hover.hidden = true; return; }
    const p = cell.embedding.pts[best.i];
    hover.replaceChildren();
    const pics = cell.run.pictures, sheet = sheets[cell.ri];
    if (pics && p.id in pics.index && sheet && sheet.complete) {
      const k = pics.index[p.id], pc = el('canvas', { width: pics.width, height: pics.height });
      pc.getContext('2d').drawImage(sheet, (k % pics.columns) * pics.width, Math.floor(k / pics.columns) * pics.height,
        pics.width, pics.height, 0, 0, pics.width, pics.height);
      hover.append(pc);
    }
    const theta = num(p.theta);
    hover.append(el('div', {},
      el('div', { class: 'v', 'data-field': 'class', text: 'class ' + p.cls + ' ' + className(p.cls) }),
      el('div', { class: 'v' }, '\u03b8\u1d67 = ', el('span', { 'data-field': 'theta_y_rad', text: p.theta }), ' rad (' + (theta * DEG).toFixed(1) + '\u00b0)'),
      el('div', { class: 'v' }, 'P\u1d67 = ', el('span', { 'data-field': 'p_y', text: p.p })),
      el('div', { class: 'v', style: 'color:#667', 'data-field': 'id', text: p.id === '' ? '' : 'test image #' + p.id })));
    hover.hidden = false;
    const hw = hover.offsetWidth, hh = hover.offsetHeight;
    hover.style.left = Math.min(window.innerWidth - hw - 4, ev.clientX + 14) + 'px';
    hover.style.top = Math.min(window.innerHeight - hh - 4, ev.clientY + 14) + 'px';
  }

  // ---- charts (uPlot) ----
  const charts = [];
  /** Three charts a row where the page is wide enough, else two, else one. */
  function chartWidth(container) {
    const w = container.clientWidth, per = w >= 1100 ? 3 : w >= 700 ? 2 : 1;
    return Math.max(260, Math.floor((w - 18 * (per - 1)) / per) - 2);
  }

  /** A vertical line at the timeline's iteration and dashed ones at the live changes, drawn over a uPlot chart. */
  function markersHook(changes) {
    return u => {
      const g = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
      g.save();
      const x = u.valToPos(T(), 'x', true);
      g.strokeStyle = 'rgba(80,80,90,0.55)'; g.lineWidth = 2 * devicePixelRatio;
      g.beginPath(); g.moveTo(x, top); g.lineTo(x, bottom); g.stroke();
      g.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]); g.lineWidth = devicePixelRatio;
      g.fillStyle = '#444'; g.font = (11 * devicePixelRatio) + 'px sans-serif';
      for (const c of changes) {
        const cxp = u.valToPos(c.iteration, 'x', true);
        g.strokeStyle = c.color;
        g.beginPath(); g.moveTo(cxp, top); g.lineTo(cxp, bottom); g.stroke();
        g.fillText(c.text, cxp + 3 * devicePixelRatio, top + 12 * devicePixelRatio);
      }
      g.restore();
    };
  }

  function lineChart(container, title, seriesList, changes, yLabel) {
    const box = el('div', { class: 'chart' }, el('div', { class: 'ctitle', text: title }));
    container.append(box);
    const xs = seriesList.map(s => s.x);
    const data = uPlot.join(seriesList.map(s => [s.x, s.y]));
    const opts = {
      width: chartWidth(container), height: 210,
      scales: { x: { time: false } },
      axes: [{ label: 'iteration', size: 38 }, { label: yLabel, size: 58 }],
      series: [{ label: 'iteration' }].concat(seriesList.map(s => ({
        label: s.label, stroke: s.color, width: s.points ? 0 : (s.width || 1.6), spanGaps: true,
        points: s.points ? { show: true, size: 7, fill: s.color, stroke: s.color } : { show: false },
        value: (u, v) => (v == null ? '\u2013' : s.text && s.text.has(v) ? s.text.get(v) : +v.toPrecision(6))
      }))),
      hooks: { draw: [markersHook(changes || [])] }
    };
    const u = new uPlot(opts, data, box);
    charts.push(u);
    return u;
  }

  // training curves CSV: run,series,iteration,value (+ change:<field> rows)
  const curves = csv(D.curves);
  function seriesOf(t, run, name) {
    const x = [], y = [], text = new Map();
    for (const r of t.rows) if (r[t.col.run] === run && r[t.col.series] === name) {
      x.push(num(r[t.col.iteration])); y.push(num(r[t.col.value])); text.set(num(r[t.col.value]), r[t.col.value]);
    }
    return { x, y, text };
  }
  const changes = [];
  for (const r of curves.rows) {
    const s = r[curves.col.series];
    if (s.startsWith('change:')) {
      const ri = RUNS.findIndex(x => x.label === r[curves.col.run]);
      changes.push({ iteration: num(r[curves.col.iteration]), text: s.slice(7) + ' \u2192 ' + r[curves.col.value], color: RUNS[Math.max(0, ri)].color });
    }
  }
  const curveBox = document.getElementById('curves');
  const multi = RUNS.length > 1;
  const named = (r, what) => (multi ? r.label + ', ' : '') + what;
  lineChart(curveBox, 'Training loss', RUNS.map(r => ({ ...seriesOf(curves, r.label, 'loss'), label: named(r, 'loss'), color: r.color })), changes, 'loss');
  lineChart(curveBox, 'Accuracy (%)', RUNS.flatMap(r => [
    { ...seriesOf(curves, r.label, 'train_accuracy_percent'), label: named(r, 'train'), color: r.color },
    { ...seriesOf(curves, r.label, 'test_accuracy_percent'), label: named(r, 'test'), color: r.color, points: true }
  ]).filter(s => s.x.length), changes, '%');
  lineChart(curveBox, 'Learning rate', RUNS.map(r => ({ ...seriesOf(curves, r.label, 'learning_rate'), label: named(r, 'lr'), color: r.color })), changes, 'lr');

  // angle statistics CSV: run,set,epoch,iteration,wc_intra_rad,w_inter_rad,c_inter_rad
  const stats = csv(D.angleStats);
  const statCols = [['wc_intra_rad', 'WC-Intra'], ['w_inter_rad', 'W-Inter'], ['c_inter_rad', 'C-Inter']];
  const statBox = document.getElementById('stats');
  for (const [col, name] of statCols) {
    lineChart(statBox, name + ' (rad)', RUNS.flatMap(r => {
      const probe = { x: [], y: [], text: new Map() }, test = { x: [], y: [], text: new Map() };
      for (const row of stats.rows) if (row[stats.col.run] === r.label) {
        const s = row[stats.col.set] === 'test' ? test : probe;
        s.x.push(num(row[stats.col.iteration])); s.y.push(num(row[stats.col[col]])); s.text.set(num(row[stats.col[col]]), row[stats.col[col]]);
      }
      return [{ ...probe, label: named(r, 'probe set'), color: r.color, width: 1 },
        { ...test, label: named(r, 'test set'), color: r.color, points: true }].filter(s => s.x.length);
    }), [], 'rad');
  }

  /** The angle statistics at the timeline's snapshot: each run's probe-set row there and its last test-set row. */
  function statsTable() {
    const t = document.getElementById('stats-table');
    t.replaceChildren(el('tr', {}, ...['run', 'set', 'epoch', 'iteration', 'WC-Intra (rad)', 'W-Inter (rad)', 'C-Inter (rad)'].map(h => el('th', { text: h }))));
    for (const r of RUNS) {
      const s = snapshotOf(r);
      let probe = null, test = null;
      for (const row of stats.rows) {
        if (row[stats.col.run] !== r.label) continue;
        const it = num(row[stats.col.iteration]);
        if (row[stats.col.set] === 'probe' && it === s.iteration) probe = row;
        if (row[stats.col.set] === 'test' && it <= s.iteration) test = row;
      }
      for (const row of [probe, test]) {
        if (!row) continue;
        t.append(el('tr', { 'data-run': r.label, 'data-set': row[stats.col.set] }, ...[r.label, row[stats.col.set] === 'test' ? 'test set' : 'probe set',
          row[stats.col.epoch], row[stats.col.iteration], row[stats.col.wc_intra_rad], row[stats.col.w_inter_rad], row[stats.col.c_inter_rad]].map(v => el('td', { text: v }))));
      }
    }
  }
  (function finalTable() {
    const t = csv(D.angleTable), tab = document.getElementById('stats-final');
    tab.append(el('tr', {}, ...t.header.map(h => el('th', { text: h }))));
    for (const row of t.rows) tab.append(el('tr', {}, ...row.map(v => el('td', { text: v }))));
  })();

  // ---- θ_y histograms ----
  const histSelect = document.getElementById('hist-class');
  histSelect.append(el('option', { value: 'all', text: 'all classes' }));
  for (const c of legendClasses) histSelect.append(el('option', { value: String(c), text: c + ' ' + className(c) }));
  const hists = RUNS.map((r, ri) => {
    const sub = el('p', { class: 'sub' });
    const chartBox = el('div', {});
    const table = el('table', { class: 'numbers', 'data-run': r.label });
    const details = el('details', {}, el('summary', { text: 'Numbers (the histogram CSV of this epoch and class)' }), table);
    document.getElementById('hists').append(el('div', { class: 'cell' }, el('h3', { text: r.label }), sub, chartBox, details));
    return { run: r, sub, chartBox, table, plot: null };
  });
  function drawHistograms() {
    const key = histSelect.value;
    for (const h of hists) {
      const r = h.run, snap = snapshotOf(r);
      const probes = embeddingOf(snap).pts.filter(p => key === 'all' || String(p.cls) === key).map(p => num(p.theta));
      const text = r.histograms[key];
      let edges = null, fractions = null, counts = null, epochRows = [], epochNo = null;
      if (text) {
        const t = csv(text);
        const epochs = [...new Set(t.rows.map(row => num(row[t.col.epoch])))];
        // the epoch whose end is at or before the timeline's iteration
        const ends = r.similarityEnds || [];
        for (const e of epochs) {
          const it = epochEnd(r, e);
          if (it !== null && it <= T()) epochNo = e;
        }
        if (epochNo !== null) {
          epochRows = t.rows.filter(row => num(row[t.col.epoch]) === epochNo);
          edges = epochRows.map(row => num(row[t.col.bin_lo_rad])).concat([num(epochRows[epochRows.length - 1][t.col.bin_hi_rad])]);
          fractions = epochRows.map(row => num(row[t.col.fraction]));
          counts = epochRows.map(row => row[t.col.count]);
        }
        h.table.replaceChildren(el('tr', {}, ...t.header.map(x => el('th', { text: x }))),
          ...epochRows.map(row => el('tr', {}, ...row.map(v => el('td', { text: v })))));
      } else h.table.replaceChildren();
      if (!edges) { // no epoch finished yet: 40 bins over the probes' range
        const hi = Math.max(0.1, ...probes) * 1.02;
        edges = Array.from({ length: 41 }, (_, i) => hi * i / 40);
      }
      const bins = edges.length - 1, probeFr = new Array(bins).fill(0);
      for (const th of probes) {
        let b = edges.findIndex((lo, i) => i < bins && th >= lo && th < edges[i + 1]);
        if (b < 0 && th === edges[bins]) b = bins - 1;
        if (b >= 0) probeFr[b] += 1 / Math.max(1, probes.length);
      }
      h.sub.textContent = (epochNo !== null ? 'test set after epoch ' + epochNo + ' (bars), ' : 'no epoch finished yet; ')
        + 'probes at iteration ' + snap.iteration + ' (line), ' + (key === 'all' ? 'all classes' : 'class ' + key + ' ' + className(+key));
      const x = edges.slice(0, bins).map((lo, i) => (lo + edges[i + 1]) / 2);
      const data = [x, fractions || new Array(bins).fill(null), probeFr];
      if (h.plot) h.plot.destroy();
      h.plot = new uPlot({
        width: Math.max(280, h.chartBox.clientWidth || 340), height: 220, scales: { x: { time: false } },
        axes: [{ label: '\u03b8\u1d67 (rad)', size: 38 }, { label: 'fraction', size: 50 }],
        series: [{ label: '\u03b8\u1d67' },
          { label: 'test set', stroke: r.color, fill: r.color + '55', width: 1, paths: uPlot.paths.bars({ size: [0.92, Infinity] }), points: { show: false },
            value: (u, v, si, i) => (i == null || !counts ? '\u2013' : v + ' (' + counts[i] + ')') },
          { label: 'probes', stroke: '#222', width: 1.5, paths: uPlot.paths.stepped({ align: 0 }), points: { show: false } }]
      }, data, h.chartBox);
    }
  }
  function epochEnd(r, epochNo) { // iteration at the end of epoch epochNo (1-based), from the angle statistics' test rows
    for (const row of stats.rows) {
      if (row[stats.col.run] === r.label && row[stats.col.set] === 'test' && num(row[stats.col.epoch]) === epochNo) return num(row[stats.col.iteration]);
    }
    return null;
  }
  histSelect.addEventListener('change', drawHistograms);

  // ---- similarity matrices ----
  const sims = RUNS.map(r => {
    const canvas = el('canvas', { class: 'matrix' });
    const sub = el('p', { class: 'sub' });
    const readout = el('p', { class: 'sub', 'data-field': 'cosine' });
    document.getElementById('sims').append(el('div', { class: 'cell' }, el('h3', { text: r.label }), sub, canvas, readout));
    const s = { run: r, canvas, sub, readout, m: null };
    canvas.addEventListener('pointermove', ev => {
      if (!s.m) return;
      const rect = canvas.getBoundingClientRect(), n = s.m.n;
      const i = Math.floor((ev.clientY - rect.top - s.m.oy) / s.m.cellPx), j = Math.floor((ev.clientX - rect.left - s.m.ox) / s.m.cellPx);
      if (i < 0 || j < 0 || i >= n || j >= n) { readout.textContent = ''; return; }
      const row = s.m.rows[i * n + j], t = s.m.t;
      readout.textContent = 'row ' + row[t.col.row] + ' (class ' + r.classes[+row[t.col.row_class]] + ') \u00d7 column ' + row[t.col.col]
        + ' (class ' + r.classes[+row[t.col.col_class]] + '): cos = ' + row[t.col.cosine];
    });
    return s;
  });
  function drawSimilarity() {
    for (const s of sims) {
      const e = epochAt(s.run.similarity);
      const { g, w, h } = sizeCanvas(s.canvas);
      g.clearRect(0, 0, w, h);
      if (!e) { s.m = null; s.sub.textContent = 'no epoch finished yet at this iteration'; continue; }
      const t = csv(e.csv), n = Math.round(Math.sqrt(t.rows.length));
      const ox = 8, oy = 8, cellPx = (Math.min(w, h) - 16) / n;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        const v = num(t.rows[i * n + j][t.col.cosine]);
        g.fillStyle = D.diverging[Math.max(0, Math.min(200, Math.round((v + 1) * 100)))];
        g.fillRect(ox + j * cellPx, oy + i * cellPx, Math.ceil(cellPx), Math.ceil(cellPx));
      }
      g.strokeStyle = 'rgba(0,0,0,0.5)'; g.lineWidth = 1;
      for (let i = 1; i < n; i++) if (t.rows[i * n][t.col.row_class] !== t.rows[(i - 1) * n][t.col.row_class]) {
        g.beginPath(); g.moveTo(ox, oy + i * cellPx); g.lineTo(ox + n * cellPx, oy + i * cellPx);
        g.moveTo(ox + i * cellPx, oy); g.lineTo(ox + i * cellPx, oy + n * cellPx); g.stroke();
      }
      s.m = { t, rows: t.rows, n, ox, oy, cellPx };
      s.sub.textContent = 'test probes after epoch ' + e.epoch + ' (iteration ' + e.iteration + '), ' + n + ' \u00d7 ' + n + '; blue \u22121, white 0, red 1';
    }
  }

  // ---- settings and formula cards ----
  for (const r of RUNS) {
    const tab = el('table', { class: 'numbers' });
    // a unit that differs per head reads "cosine (cosface), rad (arcface)…": the formula above says which
    for (const [label, value, u] of (r.settings || []).filter(x => x[1] !== '')) tab.append(el('tr', {}, el('td', { text: label }), el('td', { text: value + (u && !u.includes('(') ? ' ' + u : '') })));
    // one run: its card beside the embedding; several: a row of cards under everything
    document.getElementById(RUNS.length === 1 ? 'cells' : 'cards').append(el('div', { class: 'cell card' }, el('h3', { text: 'Settings and formula: ' + (r.headName || r.label) }),
      el('div', { class: 'formula', text: r.formula || '' }), el('p', { text: r.summary || '' }), el('p', { class: 'sub', text: r.explanation || '' }),
      el('p', { class: 'sub', text: r.schedule || '' }), tab));
  }

  if (RUNS.length === 1) document.getElementById('cards-section').hidden = true;

  // ---- timeline and Play ----
  const slider = document.getElementById('time'), label = document.getElementById('time-label'), play = document.getElementById('play');
  slider.max = String(Math.max(0, times.length - 1));
  slider.value = String(tIndex);
  function render() {
    const snap = snapshotOf(RUNS[0]);
    label.textContent = 'iteration ' + T() + ' \u00b7 epoch ' + snap.epoch + ' \u00b7 snapshot ' + (tIndex + 1) + ' of ' + times.length;
    drawEmbeddings();
    statsTable();
    drawHistograms();
    drawSimilarity();
    for (const u of charts) u.redraw(false, false);
  }
  slider.addEventListener('input', () => { tIndex = +slider.value; render(); });
  let timer = null;
  function stop() { clearInterval(timer); timer = null; play.textContent = '\u25b6 Play'; }
  play.addEventListener('click', () => {
    if (timer) { stop(); return; }
    if (tIndex >= times.length - 1) tIndex = 0;
    play.textContent = '\u275a\u275a Pause';
    timer = setInterval(() => {
      tIndex++;
      slider.value = String(tIndex);
      render();
      if (tIndex >= times.length - 1) stop();
    }, Math.max(60, Math.min(400, 12000 / Math.max(1, times.length))));
  });
  document.addEventListener('keydown', ev => {
    // a focused button or list answers its own keys (space would press Play twice)
    if (ev.target.tagName === 'SELECT' || ev.target.tagName === 'BUTTON') return;
    if (ev.key === ' ') { ev.preventDefault(); play.click(); }
    else if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
      if (ev.target === slider) return;
      tIndex = Math.max(0, Math.min(times.length - 1, tIndex + (ev.key === 'ArrowRight' ? 1 : -1)));
      slider.value = String(tIndex); render();
    }
  });
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { for (const u of charts) u.setSize({ width: chartWidth(u.root.parentNode.parentNode), height: 210 }); render(); }, 100);
  });
  render();

  // For tests and scripts: where probe i of run ri is drawn (page coordinates), the camera, the time.
  window.marginlab = {
    pointOnPage(ri, i) {
      const cell = cells[ri], d = cell.drawn.find(x => x.i === i), rect = cell.canvas.getBoundingClientRect();
      return d ? { x: rect.left + d.x, y: rect.top + d.y, front: d.z >= 0 } : null;
    },
    probesFrontFirst(ri) { return [...cells[ri].drawn].sort((a, b) => b.z - a.z).map(d => d.i); },
    camera: () => ({ yaw: view.yaw, pitch: view.pitch }),
    iteration: () => T(),
    ready: true
  };
  document.body.setAttribute('data-ready', 'true');
})();

// Asperity live page: one EventSource (/api/updates) feeds the state; everything is drawn as SVG.
// No framework, no build step, nothing from the network but this server.
'use strict';

(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const DAY_MS = 86400000;
  const YEAR_DAYS = 365.25;
  const STALE_AFTER_MS = 6000;

  const state = {
    seq: 0,
    limits: { historyCapacity: 2048, historySpanDays: 91312, alerts: 500, earthquakes: 500 },
    velocity: { component: 'east', azimuthDegrees: 90, windowSamples: 365 },
    geometry: null,
    regions: [],
    region: null,
    spanDays: Infinity,
    history: {},
    latest: {},
    alerts: [],
    earthquakes: [],
    deadLetters: [],
    stations: {},
    pipeline: null,
    lastMessageAt: 0,
    connected: false,
  };

  // ---------- formatting ----------

  const numberFormat = (digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const fmt0 = numberFormat(0);
  const fmt1 = numberFormat(1);
  const fmt2 = numberFormat(2);

  function finite(x) {
    return typeof x === 'number' && isFinite(x);
  }

  /** A duration in days for people: days below a year, years above. */
  function duration(days) {
    if (!finite(days)) return '—';
    if (days < 1) return '< 1 day';
    if (days < 365) return fmt0.format(days) + (Math.round(days) === 1 ? ' day' : ' days');
    return fmt1.format(days / YEAR_DAYS) + ' years';
  }

  function isoDate(ms) {
    if (!finite(ms)) return '—';
    const d = new Date(ms);
    if (isNaN(d.getTime())) return '—';
    return d.toISOString().slice(0, 10);
  }

  function isoMinute(ms) {
    if (!finite(ms)) return '—';
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }

  function millis(ms) {
    if (!finite(ms)) return '—';
    if (ms < 1000) return fmt0.format(ms) + ' ms';
    return fmt1.format(ms / 1000) + ' s';
  }

  function perSecond(x) {
    return finite(x) ? fmt0.format(x) + ' /s' : '—';
  }

  // ---------- DOM and SVG helpers ----------

  function $(id) {
    return document.getElementById(id);
  }

  function svgEl(parent, tag, attrs, text) {
    const el = document.createElementNS(SVG_NS, tag);
    if (attrs) {
      for (const k of Object.keys(attrs)) el.setAttribute(k, attrs[k]);
    }
    if (text !== undefined) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }

  function clearSvg(svg) {
    // Keep <desc> (accessible description); drop the drawing.
    for (const child of Array.from(svg.childNodes)) {
      if (child.nodeName !== 'desc') svg.removeChild(child);
    }
  }

  function setText(id, text) {
    const el = $(id);
    if (el.textContent !== text) el.textContent = text;
  }

  function htmlEl(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // ---------- scales and ticks ----------

  function linear(d0, d1, r0, r1) {
    const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
    return (v) => r0 + (v - d0) * k;
  }

  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const norm = raw / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  }

  function niceTicks(min, max, count) {
    if (!(max > min)) return [min];
    const step = niceStep(max - min, count);
    const ticks = [];
    for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return ticks;
  }

  function niceCeil(x) {
    if (!(x > 0)) return 1;
    const mag = Math.pow(10, Math.floor(Math.log10(x)));
    for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
      if (m * mag >= x) return m * mag;
    }
    return 10 * mag;
  }

  /** Calendar ticks (UTC) for a time range: years, months or days, at most about `count`. */
  function timeTicks(t0, t1, count) {
    const spanDays = (t1 - t0) / DAY_MS;
    const ticks = [];
    if (spanDays > 2 * YEAR_DAYS) {
      const spanYears = spanDays / YEAR_DAYS;
      const step = Math.max(1, niceStep(spanYears, count));
      const y0 = new Date(t0).getUTCFullYear();
      for (let y = Math.ceil(y0 / step) * step; ; y += step) {
        const t = Date.UTC(y, 0, 1);
        if (t > t1) break;
        if (t >= t0) ticks.push({ t: t, label: String(y) });
      }
    } else if (spanDays > 60) {
      const months = spanDays / 30.44;
      const step = [1, 2, 3, 6].find((m) => months / m <= count) || 12;
      const d = new Date(t0);
      let y = d.getUTCFullYear();
      let m = d.getUTCMonth();
      for (let i = 0; i < 60; i++) {
        const t = Date.UTC(y, m, 1);
        if (t > t1) break;
        if (t >= t0 && m % step === 0) ticks.push({ t: t, label: new Date(t).toISOString().slice(0, 7) });
        m++;
        if (m === 12) { m = 0; y++; }
      }
    } else {
      const step = [1, 2, 5, 7, 14].find((d) => spanDays / d <= count) || 30;
      const start = Math.ceil(t0 / DAY_MS / step) * step;
      for (let day = start; day * DAY_MS <= t1; day += step) {
        ticks.push({ t: day * DAY_MS, label: new Date(day * DAY_MS).toISOString().slice(0, 10) });
      }
    }
    return ticks;
  }

  function percentile(values, q) {
    if (values.length === 0) return NaN;
    const sorted = values.slice().sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }

  // ---------- colours: diverging blue (seaward) – white – red (landward, loading) ----------

  const STOPS = [
    [-1, [33, 102, 172]],
    [-0.5, [103, 169, 207]],
    [0, [247, 247, 247]],
    [0.5, [239, 138, 98]],
    [1, [178, 24, 43]],
  ];

  function velocityColour(v, vmax) {
    const x = Math.max(-1, Math.min(1, v / vmax));
    for (let i = 1; i < STOPS.length; i++) {
      if (x <= STOPS[i][0]) {
        const [x0, c0] = STOPS[i - 1];
        const [x1, c1] = STOPS[i];
        const f = (x - x0) / (x1 - x0);
        const c = c0.map((a, k) => Math.round(a + (c1[k] - a) * f));
        return 'rgb(' + c.join(',') + ')';
      }
    }
    return 'rgb(178,24,43)';
  }

  // ---------- state updates ----------

  function thin(points, capacity) {
    // Mirror of the server's ForecastHistory: when full, keep every other point (and the newest).
    if (points.length < capacity) return points;
    const kept = [];
    for (let k = (points.length - 1) % 2; k < points.length; k += 2) kept.push(points[k]);
    return kept;
  }

  function trimSpan(points) {
    if (points.length === 0) return points;
    const oldest = points[points.length - 1][0] - state.limits.historySpanDays * DAY_MS;
    let i = 0;
    while (i < points.length - 1 && points[i][0] < oldest) i++;
    return i > 0 ? points.slice(i) : points;
  }

  function applySnapshot(s) {
    state.seq = s.seq;
    state.limits = s.limits || state.limits;
    state.velocity = s.velocity || state.velocity;
    state.geometry = s.geometry;
    state.regions = s.regions;
    state.history = s.history;
    state.latest = s.latest;
    state.alerts = s.alerts;
    state.earthquakes = s.earthquakes;
    state.deadLetters = s.deadLetters;
    state.stations = s.stations;
    state.pipeline = s.pipeline;
    chooseRegion();
  }

  function applyUpdate(u) {
    if (u.seq < state.seq) return; // older than what we have (cannot happen on one stream)
    const since = state.seq;
    for (const region of Object.keys(u.history)) {
      const fresh = u.history[region].filter((p) => p[5] > since);
      let points = (state.history[region] || []).concat(fresh);
      points = trimSpan(thin(points, state.limits.historyCapacity));
      state.history[region] = points;
    }
    state.regions = u.regions;
    state.latest = u.latest;
    state.alerts = state.alerts.concat(u.alerts.filter((a) => a.seq > since)).slice(-state.limits.alerts);
    state.earthquakes = state.earthquakes.concat(u.earthquakes.filter((e) => e.seq > since)).slice(-state.limits.earthquakes);
    state.deadLetters = state.deadLetters.concat(u.deadLetters.filter((d) => d.seq > since)).slice(-20);
    state.stations = u.stations;
    state.pipeline = u.pipeline;
    state.seq = u.seq;
    chooseRegion();
  }

  function chooseRegion() {
    const select = $('region');
    if (state.region === null || state.regions.indexOf(state.region) < 0) {
      state.region = state.regions.length > 0 ? state.regions[0] : null;
    }
    const options = Array.from(select.options).map((o) => o.value);
    if (options.join('|') !== state.regions.join('|')) {
      select.textContent = '';
      for (const r of state.regions) {
        const o = htmlEl('option', null, r);
        o.value = r;
        select.appendChild(o);
      }
    }
    if (state.region !== null) select.value = state.region;
    $('region-control').hidden = state.regions.length < 2;
  }

  // ---------- rendering ----------

  let renderPending = false;

  function scheduleRender() {
    if (!renderPending) {
      renderPending = true;
      window.requestAnimationFrame(() => {
        renderPending = false;
        render();
      });
    }
  }

  function render() {
    renderCards();
    renderMap();
    renderCharts();
    renderAlerts();
    renderPipeline();
  }

  function regionAlerts() {
    return state.alerts.filter((a) => a.region === state.region);
  }

  // Real events (imported from a catalog) in purple, simulated ground truth in red.
  const REAL_EVENT_COLOUR = '#6a3d9a';
  const SIMULATED_EVENT_COLOUR = '#b3261e';

  function isReal(q) {
    return q.source === 'CATALOG';
  }

  function quakeColour(q) {
    return isReal(q) ? REAL_EVENT_COLOUR : SIMULATED_EVENT_COLOUR;
  }

  // Mw with its uncertainty, e.g. "Mww 7.8 ± 0.06".
  function quakeMagnitude(q) {
    const type = isReal(q) && q.magnitudeType ? q.magnitudeType : 'Mw';
    const unc = finite(q.momentMagnitudeUncertainty) ? ' ± ' + fmt2.format(q.momentMagnitudeUncertainty) : '';
    return type + ' ' + fmt2.format(q.momentMagnitude) + unc;
  }

  function quakeTitle(q) {
    if (!isReal(q)) {
      return q.eventId + ': ' + quakeMagnitude(q) + ', ' + q.ruptureKind.toLowerCase().replace('_', '-') + ' rupture';
    }
    const where = finite(q.hypocenterLatitude) && finite(q.hypocenterLongitude)
      ? ', hypocentre ' + fmt2.format(q.hypocenterLatitude) + '°, ' + fmt2.format(q.hypocenterLongitude) + '°'
        + (finite(q.hypocenterDepthKm) ? ', ' + fmt1.format(q.hypocenterDepthKm) + ' km deep' : '')
      : '';
    return q.eventId + ': ' + quakeMagnitude(q) + ' (catalog' + (q.agency ? ', ' + q.agency : '') + ')'
      + (q.description ? ', ' + q.description : '') + ', ' + isoDate(q.onsetMillis) + where;
  }

  function regionEarthquakes() {
    return state.earthquakes.filter((e) => e.region === state.region);
  }

  function renderCards() {
    const latest = state.region === null ? null : state.latest[state.region];
    const p50 = $('ttf-p50');
    if (!latest) {
      setText('ttf-p50', '—');
      p50.setAttribute('data-window-end', '');
      setText('ttf-range', 'p10–p90: —');
      setText('mw', '—');
      setText('mw-threshold', 'forecast moment magnitude');
      setText('forecast-time', 'waiting');
      setText('forecast-meta', 'no forecast received yet');
      $('ttf-caveat').hidden = true;
    } else {
      setText('ttf-p50', duration(latest.ttfP50Days));
      p50.setAttribute('data-window-end', String(latest.windowEndMillis));
      p50.title = fmt0.format(latest.ttfP50Days) + ' days';
      setText('ttf-range', 'p10–p90: ' + duration(latest.ttfP10Days) + ' – ' + duration(latest.ttfP90Days)
        + '  (' + fmt0.format(latest.ttfP50Days) + ' days median)');
      // Outside the model's training domain (warming up, no earthquake seen yet, just after one):
      // shown, but the alert policy does not act on it.
      $('ttf-caveat').hidden = !latest.caveat;
      setText('ttf-caveat', latest.caveat ? 'outside the training domain: ' + latest.caveat : '');
      setText('mw', 'Mw ' + fmt1.format(latest.momentMagnitude));
      setText('mw-threshold', 'forecast for the next event of Mw ≥ ' + fmt1.format(latest.magnitudeThreshold));
      setText('forecast-time', isoDate(latest.windowEndMillis));
      let meta = 'model ' + latest.modelVersion + ' · stations ' + latest.stationsUsed + '/' + latest.stationsExpected;
      if (latest.missingStationCount > 0) {
        meta += ' (missing ' + latest.missingStations.join(', ') + (latest.missingStationCount > latest.missingStations.length ? ', …' : '') + ')';
      }
      setText('forecast-meta', meta);
    }
    const alerts = regionAlerts();
    const level = $('alert-level');
    if (alerts.length === 0) {
      setText('alert-level', 'no alert');
      level.className = 'level level-none';
      setText('alert-detail', 'no alert issued since the page started');
    } else {
      const a = alerts[alerts.length - 1];
      setText('alert-level', a.level);
      level.className = 'level level-' + a.level;
      setText('alert-detail', a.action.toLowerCase() + ' at ' + isoDate(a.issuedAtMillis) + ' · ' + a.reason);
    }
  }

  // --- plan view ---

  function planProjection() {
    // With a geometry: its local frame (km). Without: stations' lat/lon, equirectangular around their mean.
    const g = state.geometry;
    let lat0 = g ? g.originLatitudeDegrees : NaN;
    let lon0 = g ? g.originLongitudeDegrees : NaN;
    if (!g) {
      const rows = (state.stations[state.region] || []).filter((s) => finite(s.latitude) && finite(s.longitude));
      if (rows.length > 0) {
        lat0 = rows.reduce((a, s) => a + s.latitude, 0) / rows.length;
        lon0 = rows.reduce((a, s) => a + s.longitude, 0) / rows.length;
      }
    }
    return (lat, lon) => [
      (lon - lon0) * 111.32 * Math.cos((lat0 * Math.PI) / 180),
      (lat - lat0) * 110.57,
    ];
  }

  function planStations() {
    // Geometry stations (positions) merged with the region's live tracks (velocities).
    const project = planProjection();
    const live = new Map((state.stations[state.region] || []).map((s) => [s.code, s]));
    const out = [];
    const seen = new Set();
    if (state.geometry) {
      for (const s of state.geometry.stations) {
        out.push({ code: s.code, e: s.eastKm, n: s.northKm, coastal: s.coastal, track: live.get(s.code) });
        seen.add(s.code);
      }
    }
    for (const [code, t] of live) {
      if (!seen.has(code) && finite(t.latitude) && finite(t.longitude)) {
        const [e, n] = project(t.latitude, t.longitude);
        out.push({ code: code, e: e, n: n, coastal: false, track: t });
      }
    }
    return out;
  }

  function renderMap() {
    const svg = $('map');
    clearSvg(svg);
    const g = state.geometry;
    const stations = planStations();
    const pts = stations.map((s) => [s.e, s.n]);
    if (g) {
      for (const p of g.faultOutline) pts.push(p);
    }
    if (pts.length === 0) {
      svg.setAttribute('viewBox', '0 0 440 200');
      svgEl(svg, 'text', { x: 220, y: 100, 'text-anchor': 'middle', class: 'map-label' }, 'waiting for stations…');
      setText('map-note', '');
      return;
    }
    let e0 = Math.min(...pts.map((p) => p[0]));
    let e1 = Math.max(...pts.map((p) => p[0]));
    let n0 = Math.min(...pts.map((p) => p[1]));
    let n1 = Math.max(...pts.map((p) => p[1]));
    const padKm = Math.max(15, 0.06 * Math.max(e1 - e0, n1 - n0));
    e0 -= padKm; e1 += padKm; n0 -= padKm; n1 += padKm;
    const W = 440;
    const legendH = 70;
    const scale = W / Math.max(1e-6, e1 - e0);
    const mapH = Math.max(160, (n1 - n0) * scale);
    const H = mapH + legendH;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    const X = (e) => (e - e0) * scale;
    const Y = (n) => (n1 - n) * scale;
    const P = (p) => X(p[0]).toFixed(1) + ',' + Y(p[1]).toFixed(1);

    svgEl(svg, 'rect', { x: 0, y: 0, width: W, height: mapH, fill: '#f7f9fb', stroke: '#d5dbe2' });

    if (g) {
      // Fault plane (surface projection), depth labels at its edges.
      svgEl(svg, 'polygon', { points: g.faultOutline.map(P).join(' '), fill: '#e9edf1', stroke: '#a8b2bd', 'stroke-width': 1 });
      // Asperities: outlines of their locked patches.
      for (const a of g.asperities) {
        const d = a.rings.map((ring) => 'M' + ring.map(P).join('L') + 'Z').join('');
        const path = svgEl(svg, 'path', { d: d, fill: '#c98b3a', 'fill-opacity': 0.35 + 0.35 * a.coupling, 'fill-rule': 'evenodd', stroke: '#7a4a12', 'stroke-width': 1.2 });
        svgEl(path, 'title', null, 'asperity ' + a.name + ' (core coupling ' + fmt0.format(a.coupling * 100) + ' %)');
        svgEl(svg, 'text', { x: X(a.center[0]), y: Y(a.center[1]) + 4, 'text-anchor': 'middle', class: 'map-label strong' }, a.name);
      }
      drawLastRupture(svg, g, X, Y);
      drawTrench(svg, g, X, Y);
      // Depths of the plane's edges, just outside its far end.
      const trenchEnd = g.trench[1];
      const bottomEnd = g.faultOutline[2];
      const above = Y(trenchEnd[1]) < Y(g.trench[0][1]) ? -6 : 16;
      svgEl(svg, 'text', { x: X(trenchEnd[0]) - 2, y: Y(trenchEnd[1]) + above, class: 'map-label' }, 'trench ' + fmt0.format(g.topDepthKm) + ' km');
      svgEl(svg, 'text', { x: X(bottomEnd[0]) + 2, y: Y(bottomEnd[1]) + above, 'text-anchor': 'end', class: 'map-label' }, fmt0.format(g.bottomDepthKm) + ' km deep');
    }

    // Stations, coloured by velocity.
    const velocities = stations.map((s) => s.track && s.track.velocityMmPerYear).filter(finite);
    // Colour range from the bulk of the stations (a few next to a fresh rupture would wash out the rest).
    const vmax = niceCeil(Math.max(1, percentile(velocities.map(Math.abs), 0.8)));
    for (const s of stations) {
      const v = s.track ? s.track.velocityMmPerYear : null;
      const has = finite(v);
      const c = svgEl(svg, 'circle', {
        cx: X(s.e).toFixed(1), cy: Y(s.n).toFixed(1), r: s.coastal ? 5.5 : 4.5,
        class: has ? 'station' : 'station no-rate', fill: has ? velocityColour(v, vmax) : '#c4cad1',
        'data-station': s.code,
      });
      svgEl(c, 'title', null, s.code + ': ' + (has ? fmt1.format(v) + ' mm/yr' : 'no velocity yet'));
    }

    drawScaleAndNorth(svg, W, scale, mapH);
    drawVelocityLegend(svg, W, mapH, vmax);

    const component = state.velocity.component === 'trench-normal' ? 'trench-normal (landward +)' : 'eastward';
    setText('map-note', stations.length + ' stations · colour: ' + component + ' velocity, least squares over the last '
      + state.velocity.windowSamples + ' days of each station' + (g ? ' · model ' + g.modelName : ''));
  }

  function drawTrench(svg, g, X, Y) {
    const [a, b] = g.trench;
    const x0 = X(a[0]), y0 = Y(a[1]), x1 = X(b[0]), y1 = Y(b[1]);
    svgEl(svg, 'line', { x1: x0, y1: y0, x2: x1, y2: y1, stroke: '#1d2733', 'stroke-width': 2.2 });
    // Subduction teeth on the overriding (landward, down-dip) side.
    const len = Math.hypot(x1 - x0, y1 - y0);
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    const az = (g.trenchNormalAzimuthDegrees * Math.PI) / 180;
    const nx = Math.sin(az), ny = -Math.cos(az);
    const teeth = Math.max(4, Math.floor(len / 22));
    let d = '';
    for (let i = 0; i < teeth; i++) {
      const c = (i + 0.5) * (len / teeth);
      const bx = x0 + ux * c, by = y0 + uy * c;
      d += 'M' + (bx - ux * 4).toFixed(1) + ',' + (by - uy * 4).toFixed(1)
        + 'L' + (bx + nx * 7).toFixed(1) + ',' + (by + ny * 7).toFixed(1)
        + 'L' + (bx + ux * 4).toFixed(1) + ',' + (by + uy * 4).toFixed(1) + 'Z';
    }
    svgEl(svg, 'path', { d: d, fill: '#1d2733' });
  }

  function drawLastRupture(svg, g, X, Y) {
    const quakes = regionEarthquakes();
    if (quakes.length === 0) return;
    const q = quakes[quakes.length - 1];
    const [a, b] = g.trench;
    if (isReal(q)) {
      // A catalog event has no rupture extent: name it beside the trench's middle.
      const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
      const label = svgEl(svg, 'text', { x: X(mx) + 12, y: Y(my), 'text-anchor': 'start', class: 'event-label real-event', 'data-source': 'CATALOG' },
        'last earthquake ' + quakeMagnitude(q) + ' (catalog), ' + isoDate(q.onsetMillis));
      svgEl(label, 'title', null, quakeTitle(q));
      return;
    }
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const at = (km) => [a[0] + ((b[0] - a[0]) * km) / length, a[1] + ((b[1] - a[1]) * km) / length];
    const az = (g.trenchNormalAzimuthDegrees * Math.PI) / 180;
    const off = 9; // px seaward of the trench
    const s = at(q.ruptureStartAlongStrikeKm), e = at(q.ruptureEndAlongStrikeKm);
    const dx = -Math.sin(az) * off, dy = Math.cos(az) * off;
    svgEl(svg, 'line', { x1: X(s[0]) + dx, y1: Y(s[1]) + dy, x2: X(e[0]) + dx, y2: Y(e[1]) + dy, stroke: '#b3261e', 'stroke-width': 5, 'stroke-linecap': 'butt', opacity: 0.85 });
    const mid = at((q.ruptureStartAlongStrikeKm + q.ruptureEndAlongStrikeKm) / 2);
    svgEl(svg, 'text', { x: X(mid[0]) + dx - 8, y: Y(mid[1]) + dy, 'text-anchor': 'middle', class: 'event-label',
      transform: 'rotate(-90 ' + (X(mid[0]) + dx - 8).toFixed(1) + ' ' + (Y(mid[1]) + dy).toFixed(1) + ')' },
      'last rupture Mw ' + fmt1.format(q.momentMagnitude) + ', ' + isoDate(q.onsetMillis));
  }

  function drawScaleAndNorth(svg, W, scale, mapH) {
    const km = niceStep(120 / scale, 1);
    const px = km * scale;
    const x = W - 14 - px, y = mapH - 12;
    svgEl(svg, 'path', { d: 'M' + x + ',' + (y - 4) + 'V' + y + 'H' + (x + px) + 'V' + (y - 4), fill: 'none', stroke: '#37424e', 'stroke-width': 1.5 });
    svgEl(svg, 'text', { x: x + px / 2, y: y - 6, 'text-anchor': 'middle', class: 'map-label' }, fmt0.format(km) + ' km');
    const nx = W - 20, ny = 10;
    svgEl(svg, 'path', { d: 'M' + nx + ',' + ny + 'l6,16l-6,-4l-6,4z', fill: '#37424e' });
    svgEl(svg, 'text', { x: nx, y: ny + 30, 'text-anchor': 'middle', class: 'map-label strong' }, 'N');
  }

  function drawVelocityLegend(svg, W, mapH, vmax) {
    const y = mapH + 14;
    const x0 = 24, x1 = W - 110;
    const defs = svgEl(svg, 'defs');
    const grad = svgEl(defs, 'linearGradient', { id: 'velocity-gradient', x1: '0', x2: '1', y1: '0', y2: '0' });
    for (const [x, c] of STOPS) {
      svgEl(grad, 'stop', { offset: ((x + 1) / 2 * 100).toFixed(0) + '%', 'stop-color': 'rgb(' + c.join(',') + ')' });
    }
    svgEl(svg, 'rect', { x: x0, y: y, width: x1 - x0, height: 10, fill: 'url(#velocity-gradient)', stroke: '#9aa5b1', 'stroke-width': 0.5 });
    const ticks = [-vmax, -vmax / 2, 0, vmax / 2, vmax];
    const sx = linear(-vmax, vmax, x0, x1);
    for (const t of ticks) {
      svgEl(svg, 'line', { x1: sx(t), x2: sx(t), y1: y + 10, y2: y + 14, stroke: '#7b8590' });
      const label = (t > 0 ? '+' : t < 0 ? '−' : '') + fmt1.format(Math.abs(t)).replace('.0', '');
      svgEl(svg, 'text', { x: sx(t), y: y + 26, 'text-anchor': 'middle', class: 'map-label' },
        (t === vmax ? '≥ ' : t === -vmax ? '≤ ' : '') + label);
    }
    const what = state.velocity.component === 'trench-normal'
      ? 'trench-normal velocity, mm/yr: + landward (loading), − seaward' : 'east velocity, mm/yr';
    svgEl(svg, 'text', { x: x0, y: y + 44, class: 'map-label' }, what);
    svgEl(svg, 'circle', { cx: W - 80, cy: y + 5, r: 4.5, class: 'station no-rate' });
    svgEl(svg, 'text', { x: W - 70, y: y + 9, class: 'map-label' }, 'no velocity');
    svgEl(svg, 'text', { x: W - 70, y: y + 23, class: 'map-label' }, 'yet');
  }

  // --- charts ---

  function visiblePoints() {
    const all = state.region === null ? [] : state.history[state.region] || [];
    if (all.length === 0 || !isFinite(state.spanDays)) return all;
    const from = all[all.length - 1][0] - state.spanDays * DAY_MS;
    return all.filter((p) => p[0] >= from);
  }

  function renderCharts() {
    const points = visiblePoints();
    const quakes = regionEarthquakes();
    let t0, t1;
    if (points.length > 0) {
      t0 = points[0][0];
      t1 = points[points.length - 1][0];
    } else if (quakes.length > 0) {
      // No forecast yet: the catalog up to the latest observation.
      const latestEpoch = state.pipeline ? state.pipeline.lastObservationEpochMillis : -1;
      t0 = quakes[0].onsetMillis - 30 * DAY_MS;
      t1 = Math.max(quakes[quakes.length - 1].onsetMillis + 30 * DAY_MS, latestEpoch);
    }
    if (t0 !== undefined && t1 - t0 < DAY_MS) {
      t0 -= 15 * DAY_MS;
      t1 += 15 * DAY_MS;
    }
    // Without forecasts the TTF axis has nothing to scale on; the magnitude chart still shows the catalog.
    renderTtfChart(points, quakes, points.length > 0 ? t0 : undefined, t1);
    renderMwChart(points, quakes, t0, t1);
  }

  function chartFrame(svg, W, H, m, t0, t1, yTicks, yScale, yFormat, yTitle, xTitle) {
    const grid = svgEl(svg, 'g', { class: 'grid' });
    const axis = svgEl(svg, 'g', { class: 'axis' });
    const tickG = svgEl(svg, 'g', { class: 'tick' });
    for (const v of yTicks) {
      const y = yScale(v);
      svgEl(grid, 'line', { x1: m.l, x2: W - m.r, y1: y, y2: y });
      svgEl(tickG, 'text', { x: m.l - 6, y: y + 4, 'text-anchor': 'end' }, yFormat(v));
    }
    const x = linear(t0, t1, m.l, W - m.r);
    for (const tick of timeTicks(t0, t1, 8)) {
      const px = x(tick.t);
      svgEl(grid, 'line', { x1: px, x2: px, y1: m.t, y2: H - m.b });
      svgEl(tickG, 'text', { x: px, y: H - m.b + 16, 'text-anchor': 'middle' }, tick.label);
    }
    svgEl(axis, 'path', { d: 'M' + m.l + ',' + m.t + 'V' + (H - m.b) + 'H' + (W - m.r), fill: 'none' });
    svgEl(svg, 'text', { x: 14, y: (m.t + H - m.b) / 2, 'text-anchor': 'middle', class: 'axis-title',
      transform: 'rotate(-90 14 ' + (m.t + H - m.b) / 2 + ')' }, yTitle);
    if (xTitle) svgEl(svg, 'text', { x: (m.l + W - m.r) / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-title' }, xTitle);
    return x;
  }

  function clipTo(svg, id, m, W, H) {
    const defs = svgEl(svg, 'defs');
    const clip = svgEl(defs, 'clipPath', { id: id });
    svgEl(clip, 'rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b });
    return svgEl(svg, 'g', { 'clip-path': 'url(#' + id + ')' });
  }

  function waiting(svg, W, H, text) {
    svgEl(svg, 'rect', { x: 0, y: 0, width: W, height: H, fill: '#f7f9fb' });
    svgEl(svg, 'text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis-title' }, text);
  }

  function renderTtfChart(points, quakes, t0, t1) {
    const svg = $('ttf-chart');
    clearSvg(svg);
    const W = 800, H = 290;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    if (t0 === undefined) {
      const n = quakes.length;
      waiting(svg, W, H, 'waiting for forecasts…' + (n > 0 ? ' (' + n + (n === 1 ? ' earthquake' : ' earthquakes') + ' in the catalog so far)' : ''));
      setText('ttf-unit', '');
      return;
    }
    const m = { l: 62, r: 16, t: 20, b: 40 };
    const p90s = points.map((p) => p[3]).filter(finite);
    const robustMax = Math.max(1, percentile(p90s, 0.98) || 1);
    const inYears = robustMax >= 730;
    const unit = inYears ? YEAR_DAYS : 1;
    const yMax = niceCeil((robustMax / unit) * 1.05);
    const y = linear(0, yMax, H - m.b, m.t);
    const yDays = (d) => y(d / unit);
    setText('ttf-unit', inYears ? '(years)' : '(days)');
    const yTicks = niceTicks(0, yMax, 5);
    const yFormat = yTicks.length > 1 && yTicks[1] - yTicks[0] < 1 ? (v) => fmt1.format(v) : (v) => fmt0.format(v);
    const x = chartFrame(svg, W, H, m, t0, t1, yTicks, y, yFormat, inYears ? 'time to failure (years)' : 'time to failure (days)',
      'window end (event time, UTC)');
    const plot = clipTo(svg, 'ttf-clip', m, W, H);
    if (points.length > 0) {
      const upper = points.map((p) => x(p[0]).toFixed(1) + ',' + yDays(p[3]).toFixed(1));
      const lower = points.slice().reverse().map((p) => x(p[0]).toFixed(1) + ',' + yDays(p[1]).toFixed(1));
      svgEl(plot, 'path', { d: 'M' + upper.join('L') + 'L' + lower.join('L') + 'Z', fill: '#9ec1e8', 'fill-opacity': 0.55, stroke: 'none' });
      svgEl(plot, 'path', { d: 'M' + points.map((p) => x(p[0]).toFixed(1) + ',' + yDays(p[2]).toFixed(1)).join('L'), fill: 'none', stroke: '#1f4e8c', 'stroke-width': 1.8, 'stroke-linejoin': 'round' });
      const last = points[points.length - 1];
      svgEl(plot, 'circle', { cx: x(last[0]), cy: yDays(last[2]), r: 3.5, fill: '#1f4e8c' });
    }
    for (const q of quakes) {
      if (q.onsetMillis < t0 || q.onsetMillis > t1) continue;
      const px = x(q.onsetMillis);
      const dashed = !isReal(q) && q.ruptureKind !== 'FULL_MARGIN';
      const line = svgEl(svg, 'line', { x1: px, x2: px, y1: m.t, y2: H - m.b, stroke: quakeColour(q), 'stroke-width': 1.4, 'stroke-dasharray': dashed ? '4 3' : 'none', 'data-source': q.source || 'SIMULATED', 'data-event-id': q.eventId });
      svgEl(line, 'title', null, quakeTitle(q));
      svgEl(svg, 'text', { x: px, y: m.t - 4, 'text-anchor': 'middle', class: isReal(q) ? 'event-label real-event' : 'event-label' }, 'M' + fmt1.format(q.momentMagnitude));
    }
  }

  function renderMwChart(points, quakes, t0, t1) {
    const svg = $('mw-chart');
    clearSvg(svg);
    const W = 800, H = 170;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    if (t0 === undefined) {
      waiting(svg, W, H, 'waiting for forecasts…');
      return;
    }
    const m = { l: 62, r: 16, t: 18, b: 26 };
    const shown = quakes.filter((q) => q.onsetMillis >= t0 && q.onsetMillis <= t1);
    const values = points.map((p) => p[4]).concat(shown.map((q) => q.momentMagnitude)).filter(finite);
    const latest = state.latest[state.region];
    if (latest && finite(latest.magnitudeThreshold)) values.push(latest.magnitudeThreshold);
    let lo = Math.floor((Math.min(...values) - 0.1) * 2) / 2;
    let hi = Math.ceil((Math.max(...values) + 0.1) * 2) / 2;
    if (!(hi > lo)) { lo = 6; hi = 9; }
    const y = linear(lo, hi, H - m.b, m.t);
    const x = chartFrame(svg, W, H, m, t0, t1, niceTicks(lo, hi, 4), y, (v) => fmt1.format(v), 'Mw', null);
    const plot = clipTo(svg, 'mw-clip', m, W, H);
    if (latest && finite(latest.magnitudeThreshold)) {
      const ty = y(latest.magnitudeThreshold);
      svgEl(plot, 'line', { x1: m.l, x2: W - m.r, y1: ty, y2: ty, stroke: '#7b8590', 'stroke-dasharray': '2 3' });
      svgEl(svg, 'text', { x: W - m.r - 4, y: ty - 4, 'text-anchor': 'end', class: 'map-label' }, 'threshold Mw ' + fmt1.format(latest.magnitudeThreshold));
    }
    if (points.length > 0) {
      svgEl(plot, 'path', { d: 'M' + points.map((p) => x(p[0]).toFixed(1) + ',' + y(p[4]).toFixed(1)).join('L'), fill: 'none', stroke: '#1f4e8c', 'stroke-width': 1.6 });
    }
    for (const q of shown) {
      const px = x(q.onsetMillis), py = y(q.momentMagnitude);
      if (isReal(q)) {
        // A real event: a circle with its magnitude's error bar.
        if (finite(q.momentMagnitudeUncertainty)) {
          const u = q.momentMagnitudeUncertainty;
          svgEl(svg, 'line', { x1: px, x2: px, y1: y(q.momentMagnitude + u), y2: y(q.momentMagnitude - u), stroke: REAL_EVENT_COLOUR, 'stroke-width': 1.5, 'data-uncertainty': u });
        }
        const c = svgEl(svg, 'circle', { cx: px, cy: py, r: 5, fill: REAL_EVENT_COLOUR, stroke: '#ffffff', 'stroke-width': 1, 'data-source': 'CATALOG', 'data-event-id': q.eventId });
        svgEl(c, 'title', null, quakeTitle(q));
        continue;
      }
      const d = svgEl(svg, 'path', { d: 'M' + px + ',' + (py - 6) + 'l6,6l-6,6l-6,-6z', fill: SIMULATED_EVENT_COLOUR, stroke: '#ffffff', 'stroke-width': 1 });
      svgEl(d, 'title', null, quakeTitle(q));
    }
  }

  // --- alert log ---

  function renderAlerts() {
    const body = $('alerts').tBodies[0];
    const alerts = regionAlerts().slice(-100).reverse();
    const key = state.region + ':' + alerts.map((a) => a.seq).join(',');
    if (body.getAttribute('data-key') === key) return;
    body.setAttribute('data-key', key);
    body.textContent = '';
    if (alerts.length === 0) {
      const tr = body.insertRow();
      const td = tr.insertCell();
      td.colSpan = 7;
      td.className = 'empty';
      td.textContent = 'no alerts yet';
      return;
    }
    for (const a of alerts) {
      const tr = body.insertRow();
      tr.insertCell().textContent = isoMinute(a.issuedAtMillis);
      const level = tr.insertCell();
      level.appendChild(htmlEl('span', 'tag level-' + a.level, a.level));
      tr.insertCell().textContent = a.action;
      tr.insertCell().textContent = duration(a.ttfP50Days);
      tr.insertCell().textContent = fmt1.format(a.momentMagnitude);
      const id = tr.insertCell();
      id.className = 'id';
      id.textContent = a.alertId;
      const reason = tr.insertCell();
      reason.className = 'reason';
      reason.textContent = a.reason;
    }
  }

  // --- pipeline numbers ---

  function renderPipeline() {
    const p = state.pipeline;
    const dl = $('pipeline');
    dl.textContent = '';
    if (!p) return;
    const row = (label, value, extra, warn) => {
      dl.appendChild(htmlEl('dt', null, label));
      const dd = htmlEl('dd', warn ? 'warn' : null, value);
      if (extra) {
        dd.appendChild(document.createTextNode(' '));
        dd.appendChild(htmlEl('span', 'sub', extra));
      }
      dl.appendChild(dd);
    };
    row('Observations', perSecond(p.observationsPerSecond),
      fmt0.format(p.observations) + ' read' + (p.lastObservationEpochMillis >= 0 ? ' · latest epoch ' + isoDate(p.lastObservationEpochMillis) : ''));
    row('Forecasts', perSecond(p.forecastsPerSecond), fmt0.format(p.forecasts) + ' read');
    row('Alerts', fmt0.format(p.alerts), 'read from the alerts topic');
    row('Earthquakes', fmt0.format(p.earthquakes), 'catalog (simulated ground truth and imported real events)');
    const reasons = Object.entries(p.deadLettersByReason).map(([r, n]) => r + ' ' + fmt0.format(n)).join(', ');
    const lastDead = state.deadLetters.length > 0 ? state.deadLetters[state.deadLetters.length - 1] : null;
    row('Dead letters', fmt0.format(p.deadLetters), p.deadLetters > 0 ? reasons + (lastDead ? ' · last: ' + lastDead.detail : '') : 'none rejected', p.deadLetters > 0);
    const l = p.latency;
    row('Latency obs → forecast', l.samples > 0 ? 'p50 ' + millis(l.p50Millis) + ' · p95 ' + millis(l.p95Millis) + ' · max ' + millis(l.maxMillis) : '—',
      l.samples > 0 ? 'last ' + l.samples + ' forecasts, as read from Kafka' : 'needs forecasts of observations read by this page');
    const metrics = p.metrics;
    renderJobStatus(metrics);
    if (metrics === null) {
      row('Job metrics', 'not configured', null);
    } else if (metrics.latency.length === 0) {
      row('Job metrics', metrics.status, metrics.url);
    } else {
      for (const f of metrics.latency) {
        const qs = Object.entries(f.quantileMillis).map(([q, v]) => 'p' + Math.round(parseFloat(q) * 100) + ' ' + millis(v));
        if (finite(f.maxMillis)) qs.push('max of the last 2 min ' + millis(f.maxMillis));
        if (qs.length === 0 && finite(f.meanMillis)) qs.push('mean ' + millis(f.meanMillis));
        row(f.name.replace(/_/g, ' '), qs.join(' · '), (f.labels ? f.labels + ' · ' : '') + 'Prometheus, since the job started' + (f.estimatedFromBuckets ? ', from buckets' : ''));
      }
    }
    const unreadable = Object.entries(p.unreadableByTopic);
    if (unreadable.length > 0) {
      row('Unreadable records', unreadable.map(([t, n]) => t + ' ' + fmt0.format(n)).join(', '), null, true);
    }
    if (p.ignoredRegions > 0 || p.ignoredStations > 0) {
      row('Not shown', fmt0.format(p.ignoredRegions) + ' regions · ' + fmt0.format(p.ignoredStations) + ' stations', 'over the page\'s limits', true);
    }
    row('Kafka', p.feed, null, p.feed.startsWith('error'));
  }

  // ---------- job status ----------

  // The job's own word on whether it runs (its asperity_job_up gauge, read by the server from the
  // job's metrics): an operator must see at once that forecasts stopped because the job is down,
  // not mistake a dead job for a quiet fault.
  function renderJobStatus(metrics) {
    const el = $('job-status');
    let text = null, cls = 'connection', title = '';
    if (metrics !== null && metrics.job === 'up') {
      text = '● job running';
      cls = 'connection live';
      title = metrics.jobRestarts > 0 ? metrics.jobRestarts + ' restarts since it started' : 'no restart since it started';
    } else if (metrics !== null && metrics.job === 'down') {
      text = metrics.jobRestarts > 0 ? '■ job down (restarting; ' + metrics.jobRestarts + ' restarts)' : '■ job down';
      cls = 'connection down';
      title = 'the job says it is not running: it restarts after a failure or has stopped';
    } else if (metrics !== null && metrics.job === 'unreachable') {
      text = '■ job down (metrics unreachable)';
      cls = 'connection down';
      title = metrics.status;
    }
    el.hidden = text === null;
    if (text !== null && el.textContent !== text) el.textContent = text;
    if (el.className !== cls) el.className = cls;
    el.title = title;
  }

  // ---------- connection ----------

  function setConnection() {
    const el = $('connection');
    const age = Date.now() - state.lastMessageAt;
    let text, cls;
    if (!state.connected) {
      text = state.lastMessageAt === 0 ? 'connecting…' : 'reconnecting…';
      cls = 'connection stale';
    } else if (age > STALE_AFTER_MS) {
      text = 'no update for over ' + fmt0.format(STALE_AFTER_MS / 1000) + ' s';
      cls = 'connection stale';
    } else {
      text = '● live';
      cls = 'connection live';
    }
    // The text changes only with the state (it is a live region); the time of the last update is its tooltip.
    el.title = state.lastMessageAt === 0 ? '' : 'last update ' + new Date(state.lastMessageAt).toLocaleTimeString('en-GB');
    if (el.textContent !== text) el.textContent = text;
    if (el.className !== cls) el.className = cls;
  }

  function connect() {
    const source = new EventSource('api/updates');
    source.addEventListener('snapshot', (e) => {
      applySnapshot(JSON.parse(e.data));
      state.connected = true;
      state.lastMessageAt = Date.now();
      scheduleRender();
    });
    source.addEventListener('update', (e) => {
      applyUpdate(JSON.parse(e.data));
      state.lastMessageAt = Date.now();
      scheduleRender();
    });
    source.onerror = () => {
      // EventSource reconnects by itself; the next snapshot replaces the state.
      state.connected = false;
      setConnection();
    };
  }

  function init() {
    $('region').addEventListener('change', (e) => {
      state.region = e.target.value;
      scheduleRender();
    });
    $('span').addEventListener('change', (e) => {
      state.spanDays = e.target.value === 'all' ? Infinity : Number(e.target.value);
      scheduleRender();
    });
    setInterval(setConnection, 1000);
    connect();
  }

  init();
})();

// Plain-SVG charts: the dyad's cooperation-conflict line and the map of event locations.
"use strict";

const charts = (() => {
  const { svg, clear } = communique;
  const W = 760, H = 260, PAD = { left: 44, right: 16, top: 14, bottom: 28 };

  function scale(domain, range) {
    const [d0, d1] = domain, [r0, r1] = range;
    const span = d1 - d0 || 1;
    return (v) => r0 + ((v - d0) / span) * (r1 - r0);
  }

  function axes(root, x, y, t0, t1) {
    for (const g of [-10, -5, 0, 5, 10]) {
      root.appendChild(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(g), y2: y(g),
        class: g === 0 ? "zero" : "grid" }));
      root.appendChild(svg("text", { x: PAD.left - 6, y: y(g) + 4, class: "tick", "text-anchor": "end" }, g));
    }
    const ticks = 5;
    for (let i = 0; i <= ticks; i++) {
      const t = t0 + ((t1 - t0) * i) / ticks;
      const label = new Date(t).toISOString().slice(0, 10);
      const anchor = i === 0 ? "start" : i === ticks ? "end" : "middle";
      root.appendChild(svg("text", { x: x(t), y: H - 8, class: "tick", "text-anchor": anchor }, label));
    }
  }

  // series: [{label, cls, points: [{t (ms), y, count, date}]}]; step: the period in ms.
  // Nothing is drawn when there are no points (the caller says so in words).
  function dyad(container, series, step) {
    clear(container);
    const all = series.flatMap((s) => s.points);
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "dyad-chart" });
    container.hidden = all.length === 0;
    if (all.length === 0) return 0;
    let t0 = Math.min(...all.map((p) => p.t)), t1 = Math.max(...all.map((p) => p.t));
    if (t0 === t1) { t0 -= 86400000 * 3; t1 += 86400000 * 3; }
    const x = scale([t0, t1], [PAD.left, W - PAD.right]);
    const y = scale([-10, 10], [H - PAD.bottom, PAD.top]);
    axes(root, x, y, t0, t1);
    for (const s of series) drawSeries(root, s, x, y, step);
    container.appendChild(root);
    container.appendChild(legend(series));
    return all.length;
  }

  // Runs of points in consecutive periods; a line never bridges a period without events.
  function runs(points, step) {
    const out = [];
    for (const p of points) {
      const run = out[out.length - 1];
      if (run && p.t - run[run.length - 1].t <= step * 1.5) run.push(p);
      else out.push([p]);
    }
    return out;
  }

  function drawSeries(root, s, x, y, step) {
    const points = [...s.points].sort((a, b) => a.t - b.t);
    for (const run of runs(points, step || 86400000)) {
      if (run.length < 2) continue;
      const d = run.map((p) => `${x(p.t).toFixed(1)},${y(p.y).toFixed(1)}`).join(" ");
      root.appendChild(svg("polyline", { points: d, class: `line ${s.cls}` }));
    }
    for (const p of points) {
      const dot = svg("circle", { cx: x(p.t), cy: y(p.y), r: Math.min(3 + p.count, 9),
        class: `point ${s.cls}` });
      dot.appendChild(svg("title", {}, `${s.label} ${p.date}: ${p.count} event(s), mean Goldstein ${p.y.toFixed(2)}`));
      root.appendChild(dot);
    }
  }

  function legend(series) {
    const box = communique.el("p", { class: "legend" });
    for (const s of series) {
      const item = communique.el("span", { class: `key ${s.cls}` }, s.label);
      box.appendChild(item);
    }
    return box;
  }

  // Land polygons from a quantized TopoJSON topology (world-atlas land-110m), as lists of
  // rings of [lon, lat]: arcs are delta-encoded, a negative index means the reversed arc.
  function landPolygons(topology) {
    const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
    const arcs = topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
    const points = (i) => (i < 0 ? [...arcs[~i]].reverse() : arcs[i]);
    const polygons = [];
    for (const geom of topology.objects.land.geometries) {
      const polys = geom.type === "Polygon" ? [geom.arcs] : geom.type === "MultiPolygon" ? geom.arcs : [];
      for (const poly of polys) polygons.push(poly.map((ring) => ring.flatMap(points)));
    }
    return polygons;
  }

  // points: [{lat, lon, label, href}]; topology: the world-atlas land TopoJSON, or null
  function map(container, points, topology) {
    clear(container);
    const root = svg("svg", { viewBox: "-180 -90 360 180", class: "world" });
    root.appendChild(svg("rect", { x: -180, y: -90, width: 360, height: 180, class: "sea" }));
    const polygons = topology && topology.transform ? landPolygons(topology) : [];
    for (const rings of polygons) {
      const d = rings.map((ring) => "M" + ring.map(([lon, lat]) => `${lon.toFixed(2)},${(-lat).toFixed(2)}`).join("L") + "Z").join("");
      root.appendChild(svg("path", { d, class: "land", "fill-rule": "evenodd" }));
    }
    for (const p of points) {
      const link = svg("a", { href: p.href });
      const dot = svg("circle", { cx: p.lon, cy: -p.lat, r: 2.2, class: "place" });
      dot.appendChild(svg("title", {}, p.label));
      link.appendChild(dot);
      root.appendChild(link);
    }
    container.appendChild(root);
    return points.length;
  }

  // Stacked bars: periods (labels, every one shown, empty ones as zero) x stacks
  // [{cls, label, values: {period: count}}]. Returns the number of events drawn.
  function bars(container, periods, stacks) {
    clear(container);
    const totals = periods.map((p) => stacks.reduce((n, s) => n + (s.values[p] || 0), 0));
    const max = Math.max(0, ...totals);
    container.hidden = max === 0;
    if (max === 0) return 0;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "bar-chart" });
    const band = (W - PAD.left - PAD.right) / periods.length;
    const y = scale([0, max], [H - PAD.bottom, PAD.top]);
    for (const v of [0, Math.ceil(max / 2), max]) {
      root.appendChild(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "grid" }));
      root.appendChild(svg("text", { x: PAD.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, v));
    }
    const every = Math.max(1, Math.ceil(periods.length / 8));
    periods.forEach((period, i) => {
      let base = 0;
      const x0 = PAD.left + i * band + band * 0.1;
      for (const s of stacks) {
        const n = s.values[period] || 0;
        if (!n) continue;
        const rect = svg("rect", { x: x0, width: Math.max(1, band * 0.8), y: y(base + n),
          height: y(base) - y(base + n), class: `bar ${s.cls}` });
        rect.appendChild(svg("title", {}, `${period}: ${n} ${s.label}`));
        root.appendChild(rect);
        base += n;
      }
      if (i % every === 0) {
        root.appendChild(svg("text", { x: x0, y: H - 8, class: "tick", "text-anchor": "start" }, period));
      }
    });
    container.appendChild(root);
    container.appendChild(legend(stacks));
    return totals.reduce((a, b) => a + b, 0);
  }

  return { dyad, map, bars };
})();

// The dashboard: stats, the dyad chart, the map and the filterable event table.
"use strict";

(() => {
  const { el, getJSON, eventHref, actorLabel, clear, say } = communique;
  const PAGE = 50;
  const state = { offset: 0, filters: {} };

  async function loadStats() {
    const box = document.getElementById("stats");
    try {
      const stats = await getJSON("/api/stats");
      clear(box);
      for (const [key, value] of Object.entries(stats)) {
        if ((typeof value === "object" && value !== null) || key === "schema_version") continue;
        const item = el("span", { class: "stat" });
        item.appendChild(el("b", {}, value === null ? "—" : value));
        item.appendChild(document.createTextNode(" " + key.replace(/_/g, " ")));
        box.appendChild(item);
      }
    } catch (err) {
      box.textContent = "Store unavailable: " + err.message;
    }
  }

  async function loadActors() {
    const list = document.getElementById("actor-codes");
    const { items } = await getJSON("/api/actors", { limit: 200 });
    const codes = [...new Set(items.map((a) => a.code).filter(Boolean))];
    for (const code of codes) list.appendChild(el("option", { value: code }));
    return codes;
  }

  function toPoints(rows, key, direction) {
    return rows.filter((r) => r.direction === direction && r.mean_goldstein !== null)
      .map((r) => ({ t: Date.parse(r[key]), y: Number(r.mean_goldstein), count: Number(r.count) || 0,
        date: String(r[key]) }))
      .filter((p) => !Number.isNaN(p.t));
  }

  async function showDyad() {
    const a = document.getElementById("dyad-a").value.trim();
    const b = document.getElementById("dyad-b").value.trim();
    const grain = document.getElementById("dyad-grain").value;
    const container = document.getElementById("dyad-chart");
    if (!a || !b) return;
    try {
      const data = await getJSON("/api/dyad", { a, b });
      const rows = data[grain] || [];
      const key = grain === "weekly" ? "week" : "date";
      const step = (grain === "weekly" ? 7 : 1) * 86400000;
      const n = charts.dyad(container, [
        { label: `${a} → ${b}`, cls: "ab", points: toPoints(rows, key, "a->b") },
        { label: `${b} → ${a}`, cls: "ba", points: toPoints(rows, key, "b->a") },
      ], step);
      say("dyad-message", n ? "" : `No dated events between ${a} and ${b}.`);
      saveToUrl();
    } catch (err) {
      clear(container);
      say("dyad-message", err.message, true);
    }
  }

  // Events per period by quad class, for the event table's filters (zero periods shown).
  async function showPeriods() {
    const container = document.getElementById("period-chart");
    const period = document.getElementById("period-grain").value;
    const names = JSON.parse(container.getAttribute("data-quads") || "{}");
    const { type, actor, recipient, since, until } = state.filters;
    try {
      const data = await getJSON("/api/counts", { by: "quad", period, type, actor, recipient, since, until, limit: 500 });
      const stacks = Object.entries(names).map(([quad, label]) => ({ cls: "q" + quad, label, values: {} }));
      for (const item of data.items) {
        const stack = stacks.find((s) => s.cls === "q" + item.quad);
        if (stack) stack.values[item.period] = item.events;
      }
      const n = charts.bars(container, data.periods, stacks);
      say("period-message", n ? `${n} event(s) in ${data.periods.length} ${period}(s)` +
        (data.skipped ? `; ${data.skipped} undated or dated more coarsely than a ${period} left out.` : ".")
        : "No dated events match these filters.");
    } catch (err) {
      clear(container);
      say("period-message", err.message, true);
    }
  }

  // The dyads with the most events of the chosen class; a click charts the pair.
  async function showTopDyads() {
    const body = document.querySelector("#dyads-table tbody");
    const quad = document.getElementById("top-quad").value;
    try {
      const data = await getJSON("/api/counts", { by: "dyad", period: "all", quad, top: 10, limit: 10 });
      clear(body);
      for (const item of data.items) {
        const tr = el("tr", { "data-a": item.actor, "data-b": item.recipient });
        for (const text of [item.actor, item.recipient, item.events, item.stories, item.goldstein_mean ?? "—"]) {
          tr.appendChild(el("td", {}, text));
        }
        tr.addEventListener("click", () => {
          document.getElementById("dyad-a").value = item.actor;
          document.getElementById("dyad-b").value = item.recipient;
          showDyad();
        });
        body.appendChild(tr);
      }
      say("dyads-message", data.items.length ? "Click a row for the pair's relations over time."
        : "No events between two countries match.");
    } catch (err) {
      clear(body);
      say("dyads-message", err.message, true);
    }
  }

  async function showMap() {
    try {
      const [{ items }, topology] = await Promise.all([
        getJSON("/api/events", { limit: 500 }),
        getJSON("/static/vendor/world-atlas/land-110m.json").catch(() => null),
      ]);
      const points = items.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null)
        .map((e) => ({ lat: Number(e.location.lat), lon: Number(e.location.lon), href: eventHref(e.id),
          label: `${e.location.name || "?"}: ${e.event_type} ${actorLabel(e.actor)} → ${actorLabel(e.recipient)}` }));
      charts.map(document.getElementById("map"), points, topology);
      say("map-message", `${points.length} located event(s) among the latest ${items.length}.`);
    } catch (err) {
      say("map-message", err.message, true);
    }
  }

  function row(event) {
    const tr = el("tr", { "data-event-id": event.id });
    const where = event.location ? event.location.name : "";
    const cells = [event.date || event.published || "", actorLabel(event.actor), null,
      event.cameo || "", event.goldstein ?? "", actorLabel(event.recipient), where || ""];
    cells.forEach((text, i) => {
      const td = el("td");
      if (i === 2) td.appendChild(el("a", { href: eventHref(event.id), class: "type" }, event.event_type));
      else td.textContent = String(text);
      tr.appendChild(td);
    });
    const evidence = (event.evidence && event.evidence.text) || "";
    tr.appendChild(el("td", { class: "evidence" }, evidence));
    return tr;
  }

  async function showEvents() {
    const body = document.querySelector("#events-table tbody");
    try {
      const data = await getJSON("/api/events", { ...state.filters, limit: PAGE, offset: state.offset });
      clear(body);
      data.items.forEach((e) => body.appendChild(row(e)));
      const last = Math.min(data.offset + data.items.length, data.total);
      say("events-count", data.total ? `Events ${data.offset + 1}–${last} of ${data.total}` : "No events match.");
      document.getElementById("prev").disabled = data.offset === 0;
      document.getElementById("next").disabled = last >= data.total;
      saveToUrl();
    } catch (err) {
      clear(body);
      say("events-count", err.message, true);
    }
  }

  function readFilters() {
    const value = (id) => document.getElementById(id).value.trim();
    return { type: value("f-type"), actor: value("f-actor"), recipient: value("f-recipient"),
      since: value("f-since"), until: value("f-until") };
  }

  // The page's address keeps the chosen pair and filters, so a view can be bookmarked or shared.
  const URL_FIELDS = { a: "dyad-a", b: "dyad-b", grain: "dyad-grain", type: "f-type", actor: "f-actor",
    recipient: "f-recipient", since: "f-since", until: "f-until" };

  function restoreFromUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const [key, id] of Object.entries(URL_FIELDS)) {
      if (params.has(key)) document.getElementById(id).value = params.get(key);
    }
    state.filters = readFilters();
    state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    return params.has("a") && params.has("b");
  }

  function saveToUrl() {
    const params = new URLSearchParams();
    for (const [key, id] of Object.entries(URL_FIELDS)) {
      const value = document.getElementById(id).value.trim();
      if (value && !(key === "grain" && value === "daily")) params.set(key, value);
    }
    if (state.offset) params.set("offset", String(state.offset));
    const search = params.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  function wire() {
    document.getElementById("dyad-form").addEventListener("submit", (ev) => { ev.preventDefault(); showDyad(); });
    document.getElementById("dyad-grain").addEventListener("change", showDyad);
    document.getElementById("event-filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.filters = readFilters();
      state.offset = 0;
      showEvents();
      showPeriods();
    });
    document.getElementById("period-grain").addEventListener("change", showPeriods);
    document.getElementById("top-quad").addEventListener("change", showTopDyads);
    document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); showEvents(); });
    document.getElementById("next").addEventListener("click", () => { state.offset += PAGE; showEvents(); });
  }

  async function start() {
    wire();
    const pairChosen = restoreFromUrl();
    loadStats();
    showEvents();
    showPeriods();
    showTopDyads();
    showMap();
    const codes = await loadActors().catch(() => []);
    if (pairChosen) {
      showDyad();
    } else if (codes.length >= 2) {
      document.getElementById("dyad-a").value = codes[0];
      document.getElementById("dyad-b").value = codes[1];
      showDyad();
    }
  }

  document.addEventListener("DOMContentLoaded", start);
})();

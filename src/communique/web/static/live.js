// The "Arriving" panel: the time of the store's last update and the events stored since
// this page was opened, polled from /api/updates and /api/events?since_id=.
"use strict";

(() => {
  const { el, getJSON, eventHref, actorLabel, clear, say } = communique;
  const POLL_MS = 15000;
  const SHOWN = 20;
  const state = { sinceId: null, openedAt: new Date(), arrived: [], lastAt: null };

  function when(iso) {
    return iso ? iso.replace("T", " ") + " UTC" : "never";
  }

  function row(event) {
    const tr = el("tr", { "data-event-id": event.id });
    const typeCell = el("td");
    typeCell.appendChild(el("a", { href: eventHref(event.id), class: "type" }, event.event_type));
    const cells = [when(event.ingested_at), event.date || event.published || "",
      actorLabel(event.actor), null, actorLabel(event.recipient), event.source || "", event.title || ""];
    cells.forEach((text, i) => tr.appendChild(i === 3 ? typeCell : el("td", {}, text)));
    return tr;
  }

  function showFeeds(feeds) {
    const failing = feeds.filter((f) => f.failures > 0);
    let text = feeds.length ? `${feeds.length} feed(s) followed` : "";
    if (failing.length) {
      text += `; failing: ${failing.map((f) => `${f.title || f.url} (${f.last_error || "error"})`).join("; ")}`;
    }
    document.getElementById("live-feeds").textContent = text;
  }

  async function poll() {
    try {
      const updates = await getJSON("/api/updates");
      state.lastAt = updates.last_ingested_at;
      showFeeds(updates.feeds || []);
      if (state.sinceId === null) {
        state.sinceId = updates.last_id;  // what arrives from now on
      } else if (updates.last_id > state.sinceId) {
        const page = await getJSON("/api/events", { since_id: state.sinceId, limit: 500 });
        state.arrived = page.items.concat(state.arrived);
        state.sinceId = page.last_id;
      }
      const body = document.querySelector("#live-table tbody");
      document.getElementById("live-table").hidden = state.arrived.length === 0;
      clear(body);
      state.arrived.slice(0, SHOWN).forEach((e) => body.appendChild(row(e)));
      const opened = state.openedAt.toISOString().slice(0, 19).replace("T", " ") + " UTC";
      say("live-status", `Last update: ${when(state.lastAt)}. ${state.arrived.length} event(s) ` +
        `arrived since this page was opened (${opened}).`);
    } catch (err) {
      say("live-status", err.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    poll();
    window.setInterval(poll, POLL_MS);
  });
})();

// Quotes grouped by speaker (data from /api/quotes).
"use strict";

(() => {
  const { el, getJSON, clear, say } = communique;

  function speakerName(quote) {
    const s = quote.speaker;
    if (!s) return "Unattributed";
    const code = s.actor && (s.actor.cameo || s.actor.code);
    return (s.name || s.text || "Unattributed") + (code ? ` (${code})` : "");
  }

  function group(items) {
    const groups = new Map();
    for (const q of items) {
      const key = speakerName(q);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(q);
    }
    return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  }

  function render(groups) {
    const box = document.getElementById("quote-groups");
    clear(box);
    for (const [speaker, quotes] of groups) {
      const section = el("section", { class: "speaker" });
      section.appendChild(el("h3", {}, `${speaker} · ${quotes.length}`));
      const list = el("ul");
      for (const q of quotes) {
        const item = el("li", { class: q.direct ? "direct" : "indirect" });
        item.appendChild(el("q", {}, q.text));
        if (q.cue) item.appendChild(el("span", { class: "cue" }, ` (${q.cue}) `));
        if (q.article_id) item.appendChild(el("a", { href: "/articles/" + encodeURIComponent(q.article_id), class: "source" }, "article"));
        list.appendChild(item);
      }
      section.appendChild(list);
      box.appendChild(section);
    }
  }

  async function show() {
    const speaker = document.getElementById("q-speaker").value.trim();
    try {
      const data = await getJSON("/api/quotes", { speaker, limit: 500 });
      const groups = group(data.items);
      render(groups);
      say("quotes-count", `${data.items.length} quote(s) from ${groups.length} speaker(s).`);
    } catch (err) {
      say("quotes-count", err.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("quote-filters").addEventListener("submit", (ev) => { ev.preventDefault(); show(); });
    show();
  });
})();

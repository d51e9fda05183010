// Quotes grouped by speaker (data from /api/quotes), a page at a time; ?speaker= filters.
"use strict";

(() => {
  const { el, getJSON, clear, say } = communique;
  const PAGE = 100;
  const UNRESOLVED = "Speaker not resolved";
  const state = { offset: 0, speaker: "" };

  function pronouns() {
    const words = document.getElementById("quote-groups").getAttribute("data-pronouns") || "";
    return new Set(words.split(/\s+/).filter(Boolean));
  }

  // A speaker the quotes stage named, or its words unless they are a bare pronoun ("I", "we").
  function speakerName(quote, bare) {
    const s = quote.speaker;
    if (!s) return "Unattributed";
    const code = s.actor && (s.actor.cameo || s.actor.code);
    const text = (s.text || "").trim();
    const name = s.name || (text && !bare.has(text.toLowerCase()) ? text : UNRESOLVED);
    return name + (code && name !== UNRESOLVED ? ` (${code})` : "");
  }

  // The words without the quotation marks around them: direct quotes get the page's own.
  function quoteText(quote) {
    const marks = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb";
    let text = String(quote.text || "").trim();
    if (text.length > 1 && marks.includes(text[0])) {
      text = marks.includes(text[text.length - 1]) ? text.slice(1, -1) : text.slice(1);
    }
    return text.trim();
  }

  function group(items) {
    const bare = pronouns();
    const groups = new Map();
    for (const q of items) {
      const key = speakerName(q, bare);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(q);
    }
    const last = (name) => (name === UNRESOLVED || name === "Unattributed" ? 1 : 0);
    return [...groups.entries()].sort((a, b) => last(a[0]) - last(b[0]) || b[1].length - a[1].length);
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
        item.appendChild(el("span", { class: q.direct ? "quote direct" : "quote indirect" }, quoteText(q)));
        if (q.cue) item.appendChild(el("span", { class: "cue" }, ` (${q.cue}) `));
        if (q.article_id) item.appendChild(el("a", { href: "/articles/" + encodeURIComponent(q.article_id), class: "source" }, "article"));
        list.appendChild(item);
      }
      section.appendChild(list);
      box.appendChild(section);
    }
  }

  function saveToUrl() {
    const params = new URLSearchParams();
    if (state.speaker) params.set("speaker", state.speaker);
    if (state.offset) params.set("offset", String(state.offset));
    const search = params.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  async function show() {
    try {
      const data = await getJSON("/api/quotes", { speaker: state.speaker, limit: PAGE, offset: state.offset });
      const groups = group(data.items);
      render(groups);
      const last = Math.min(data.offset + data.items.length, data.total);
      say("quotes-count", data.total
        ? `Quotes ${data.offset + 1}–${last} of ${data.total}, from ${groups.length} speaker(s) on this page.`
        : "No quotes match.");
      document.getElementById("q-prev").disabled = data.offset === 0;
      document.getElementById("q-next").disabled = last >= data.total;
      saveToUrl();
    } catch (err) {
      say("quotes-count", err.message, true);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const params = new URLSearchParams(window.location.search);
    state.speaker = (params.get("speaker") || "").trim();
    state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    document.getElementById("q-speaker").value = state.speaker;
    document.getElementById("quote-filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.speaker = document.getElementById("q-speaker").value.trim();
      state.offset = 0;
      show();
    });
    document.getElementById("q-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); show(); });
    document.getElementById("q-next").addEventListener("click", () => { state.offset += PAGE; show(); });
    show();
  });
})();

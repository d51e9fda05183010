// Shared helpers for the dashboard pages. Untrusted strings (article text, names, titles)
// only ever reach the DOM through textContent or setAttribute, never innerHTML.
"use strict";

const communique = (() => {
  const SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, attrs = {}, text = null) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    if (text !== null && text !== undefined) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs = {}, text = null) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== null && text !== undefined) node.textContent = String(text);
    return node;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined && value !== "") search.set(key, value);
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  // Fetch JSON from the API; the token cookie (when the server wants one) rides along.
  async function getJSON(path, params) {
    const response = await fetch(path + query(params), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      // every API error is {"error": {"status", "code", "message"}}
      const message = body.error && typeof body.error.message === "string" ? body.error.message : "invalid request";
      throw new Error(message + " (HTTP " + response.status + ")");
    }
    return body;
  }

  function eventHref(id) {
    return "/events/" + encodeURIComponent(id);
  }

  function actorLabel(list) {
    if (!Array.isArray(list) || list.length === 0) return "—";
    return list.map((a) => a.cameo || a.code || a.name || a.text || "?").join(", ");
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function say(id, message, isError = false) {
    const node = document.getElementById(id);
    if (!node) return;
    node.textContent = message;
    node.classList.toggle("error", isError);
  }

  return { el, svg, query, getJSON, eventHref, actorLabel, clear, say };
})();

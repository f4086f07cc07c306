/* tacitus dashboard: plain JS and SVG, talking only to this server's /v1 API. */
"use strict";

const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function api(path, opts) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({ error: { message: "not JSON" } }));
  if (!r.ok) throw new Error((body.error && body.error.message) || r.statusText);
  return body;
}

const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
let storeAvailable = false;

/* ---- code an article ---- */

function evidence(text, ev, ctx, selected) {
  // marks: [start, end, class]; later marks win where they overlap
  const marks = [];
  for (const c of ctx) marks.push([c.span[0], c.span[1], "ctx"]);
  ev.forEach((e, i) => {
    const cls = (i === selected) ? " hl" : "";
    if (e.source && e.source.span) marks.push([e.source.span[0], e.source.span[1], "src" + cls]);
    if (e.target && e.target.span) marks.push([e.target.span[0], e.target.span[1], "tgt" + cls]);
    if (e.trigger && e.trigger.span) marks.push([e.trigger.span[0], e.trigger.span[1], "trg" + cls]);
  });
  // spans are byte offsets into the UTF-8 text: slice bytes, decode pieces
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const cls = new Array(bytes.length + 1).fill(null);
  for (const [s, e, c] of marks) for (let k = s; k < e && k < bytes.length; k++) cls[k] = c;
  const out = $("#evidence");
  clear(out);
  let k = 0;
  while (k < bytes.length) {
    let j = k;
    while (j < bytes.length && cls[j] === cls[k]) j++;
    const piece = dec.decode(bytes.slice(k, j));
    out.appendChild(cls[k] ? el("span", { class: cls[k] }, piece) : document.createTextNode(piece));
    k = j;
  }
}

function showCoded(text, rec) {
  $("#code-result").hidden = false;
  const evs = rec.events || [];
  $("#code-count").textContent = `(${evs.length})`;
  const tb = $("#code-events tbody");
  clear(tb);
  const ctx = [...(rec.dates || []), ...(rec.numbers || []), ...(rec.places || [])].filter((c) => c.span);
  evs.forEach((e, i) => {
    const tr = el("tr", { class: e.modality === "asserted" ? "" : "neg" });
    const place = e.place ? (e.place.name || "") : "";
    const cells = [e.source && e.source.code, e.target && e.target.code, e.cameo,
      e.quad_class, e.goldstein, e.modality, e.date, place, e.pattern];
    for (const c of cells) tr.appendChild(el("td", {}, c === undefined ? "" : c));
    tr.addEventListener("click", () => {
      tb.querySelectorAll("tr").forEach((r) => r.classList.remove("sel"));
      tr.classList.add("sel");
      evidence(text, evs, ctx, i);
    });
    tb.appendChild(tr);
  });
  evidence(text, evs, ctx, -1);
  drawMap(rec.places || [], evs);
}

async function codeArticle(text, date, store) {
  $("#code-status").textContent = "coding...";
  const q = new URLSearchParams();
  if (date) q.set("date", date);
  if (store) q.set("store", "1");
  try {
    const rec = await api("/v1/code?" + q, { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: text });
    $("#code-status").textContent = `${(rec.events || []).length} events`;
    showCoded(text, rec);
    if (store) refreshStore();
  } catch (err) {
    $("#code-status").textContent = "error: " + err.message;
  }
}

$("#code-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  codeArticle($("#article").value, $("#pubdate").value, $("#store").checked);
});
$("#upload").addEventListener("change", async () => {
  const f = $("#upload").files[0];
  if (f) $("#article").value = await f.text();
});

/* ---- time series: stacked counts per interval, mean Goldstein line ---- */

async function drawTimeseries() {
  const box = $("#timeseries");
  clear(box);
  if (!storeAvailable) { box.appendChild(svg("text", { x: 20, y: 30, class: "label" }, "no store: start with --db")); return; }
  const q = new URLSearchParams({ by: $("#ts-by").value, interval: $("#ts-interval").value });
  const actor = $("#ts-actor").value.trim().toUpperCase();
  if (actor) q.set("actor", actor);
  let ts;
  try { ts = await api("/v1/stats/timeseries?" + q); } catch (e) {
    box.appendChild(svg("text", { x: 20, y: 30, class: "label" }, e.message)); return;
  }
  const W = 640, H = 280, L = 40, R = 40, T = 10, B = 40;
  const n = ts.periods.length;
  if (!n) { box.appendChild(svg("text", { x: 20, y: 30, class: "label" }, "no events")); return; }
  const totals = ts.periods.map((_, i) => ts.keys.reduce((s, k) => s + ts.counts[k][i], 0));
  const max = Math.max(1, ...totals);
  const bw = (W - L - R) / n;
  box.appendChild(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
  box.appendChild(svg("text", { x: 4, y: T + 10, class: "label" }, max));
  const palette = ["#4e9a06", "#73d216", "#f57900", "#cc0000", "#3465a4", "#75507b", "#c4a000", "#555753", "#ad7fa8", "#729fcf"];
  ts.periods.forEach((p, i) => {
    let y = H - B;
    ts.keys.forEach((k, j) => {
      const c = ts.counts[k][i];
      if (!c) return;
      const h = (H - B - T) * c / max;
      y -= h;
      const fill = ts.by === "quad" ? palette[(+k - 1) % 4] : palette[j % palette.length];
      const r = svg("rect", { x: L + i * bw + 1, y, width: Math.max(1, bw - 2), height: h, fill, class: "bar" });
      r.appendChild(svg("title", {}, `${p} ${ts.by === "quad" ? QUAD[k] || k : k}: ${c}`));
      box.appendChild(r);
    });
    if (n <= 24 || i % Math.ceil(n / 12) === 0)
      box.appendChild(svg("text", { x: L + i * bw + 2, y: H - B + 14, class: "label" }, p));
  });
  // Goldstein: -10..10 on the right axis
  const gy = (g) => T + (H - B - T) * (10 - g) / 20;
  const pts = ts.goldstein.map((g, i) => (g === null ? null : `${L + (i + 0.5) * bw},${gy(g)}`)).filter(Boolean);
  if (pts.length) box.appendChild(svg("polyline", { points: pts.join(" "), class: "gline" }));
  box.appendChild(svg("text", { x: W - R + 4, y: gy(10) + 10, class: "label" }, "+10"));
  box.appendChild(svg("text", { x: W - R + 4, y: gy(-10), class: "label" }, "-10"));
  box.appendChild(svg("text", { x: W - R - 110, y: H - 6, class: "label" }, "line: mean Goldstein"));
  ts.keys.slice(0, 10).forEach((k, j) => {
    const fill = ts.by === "quad" ? palette[(+k - 1) % 4] : palette[j % palette.length];
    box.appendChild(svg("rect", { x: L + j * 60, y: H - 14, width: 10, height: 10, fill }));
    box.appendChild(svg("text", { x: L + j * 60 + 13, y: H - 5, class: "label" }, ts.by === "quad" ? "Q" + k : k));
  });
}
["#ts-by", "#ts-interval", "#ts-actor"].forEach((s) => $(s).addEventListener("change", drawTimeseries));

/* ---- network: actors on a circle, edges by count, coloured by Goldstein ---- */

async function drawNetwork() {
  const box = $("#network");
  clear(box);
  if (!storeAvailable) return;
  let net;
  try { net = await api("/v1/network?min=1"); } catch (e) {
    box.appendChild(svg("text", { x: 20, y: 30, class: "label" }, e.message)); return;
  }
  const nodes = net.nodes.slice(0, 30);
  const idx = new Map(nodes.map((n, i) => [n.code, i]));
  const cx = 320, cy = 200, rad = 160;
  const pos = nodes.map((_, i) => [cx + rad * Math.cos(2 * Math.PI * i / nodes.length), cy + rad * Math.sin(2 * Math.PI * i / nodes.length)]);
  const maxc = Math.max(1, ...net.edges.map((e) => e.count));
  for (const e of net.edges) {
    if (!idx.has(e.source) || !idx.has(e.target)) continue;
    const [x1, y1] = pos[idx.get(e.source)], [x2, y2] = pos[idx.get(e.target)];
    const g = e.goldstein;
    const colour = g < 0 ? `rgb(${Math.round(120 + 13 * -g)},40,40)` : `rgb(40,${Math.round(120 + 13 * g)},60)`;
    const path = svg("path", { d: `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`, class: "edge", stroke: colour, "stroke-width": 1 + 6 * e.count / maxc });
    path.appendChild(svg("title", {}, `${e.source} -> ${e.target}: ${e.count} events, mean Goldstein ${g.toFixed(1)}`));
    box.appendChild(path);
  }
  nodes.forEach((n, i) => {
    const [x, y] = pos[i];
    const c = svg("circle", { cx: x, cy: y, r: 3 + Math.sqrt(n.count), class: "node" });
    c.appendChild(svg("title", {}, `${n.code}: ${n.count} events`));
    box.appendChild(c);
    box.appendChild(svg("text", { x: x + 6, y: y - 6, class: "nodelabel" }, n.code));
  });
}

/* ---- map: equirectangular, GeoNames city dots as the land ---- */

let basemap = null;
const px = (lon) => (lon + 180) * 2, py = (lat) => (90 - lat) * 2;

async function drawMap(places, events) {
  const box = $("#map");
  clear(box);
  for (let lon = -180; lon <= 180; lon += 30) box.appendChild(svg("line", { x1: px(lon), y1: 0, x2: px(lon), y2: 360, class: "grat" }));
  for (let lat = -90; lat <= 90; lat += 30) box.appendChild(svg("line", { x1: 0, y1: py(lat), x2: 720, y2: py(lat), class: "grat" }));
  if (!basemap) basemap = await api("/v1/geo/basemap").catch(() => ({ points: [] }));
  for (const [lon, lat] of basemap.points) box.appendChild(svg("rect", { x: px(lon) - 1, y: py(lat) - 1, width: 2, height: 2, class: "city" }));
  const seen = new Set();
  const all = [...places, ...(events || []).map((e) => e.place).filter(Boolean)];
  if (storeAvailable && !places.length) {
    const page = await api("/v1/events?limit=1000").catch(() => ({ events: [] }));
    for (const e of page.events) if (e.place) all.push(e.place);
  }
  for (const p of all) {
    if (typeof p.lat !== "number" || typeof p.lon !== "number") continue;
    const key = `${p.lat},${p.lon}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = svg("circle", { cx: px(p.lon), cy: py(p.lat), r: 5, class: "place" });
    c.appendChild(svg("title", {}, `${p.name || ""} ${p.country || ""}`));
    box.appendChild(c);
  }
}

/* ---- the store's events, filtered and paged ---- */

let cursor = null;
function filterQuery() {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData($("#filter"))) if (v) q.set(k, k === "actor" || k === "place" ? v.toUpperCase() : v);
  q.set("limit", "50");
  return q;
}

async function loadEvents(append) {
  const tb = $("#store-events tbody");
  if (!append) { clear(tb); cursor = null; }
  if (!storeAvailable) { $("#filter-status").textContent = "no store: start the server with --db"; return; }
  const q = filterQuery();
  if (cursor) q.set("cursor", cursor);
  try {
    const page = await api("/v1/events?" + q);
    for (const e of page.events) {
      const tr = el("tr");
      const cells = [e.date, e.source.code, e.target.code, e.cameo, e.quad_class, e.goldstein, e.place ? e.place.name : "", e.num_articles];
      for (const c of cells) tr.appendChild(el("td", {}, c));
      tr.addEventListener("click", () => showEvent(e.id));
      tb.appendChild(tr);
    }
    cursor = page.next_cursor;
    $("#more").hidden = !cursor;
    $("#filter-status").textContent = `${tb.children.length} shown`;
  } catch (err) {
    $("#filter-status").textContent = "error: " + err.message;
  }
}

async function showEvent(id) {
  const box = $("#event-detail");
  box.hidden = false;
  clear(box);
  try {
    const d = await api("/v1/events/" + encodeURIComponent(id));
    const e = d.event;
    box.appendChild(el("div", {}, `${e.source.code} -> ${e.target.code}  ${e.cameo} ${e.name || ""}  (${e.date}; ${e.num_articles} article(s), ${e.num_mentions} mention(s))`));
    for (const m of d.mentions) {
      const p = el("p");
      p.appendChild(el("div", { class: "muted small" }, `${m.article_id} sentence ${m.sentence}`));
      const s = m.sentence_text || "";
      const bytes = new TextEncoder().encode(s), dec = new TextDecoder();
      const marks = [];
      for (const [k, cls] of [["source", "src"], ["target", "tgt"], ["trigger", "trg"]])
        if (m[k]) marks.push([m[k][0] - m.sentence_start, m[k][1] - m.sentence_start, cls]);
      marks.sort((a, b) => a[0] - b[0]);
      let k = 0;
      for (const [a, b, cls] of marks) {
        if (a < k || a < 0 || b > bytes.length) continue;
        p.appendChild(document.createTextNode(dec.decode(bytes.slice(k, a))));
        p.appendChild(el("span", { class: cls }, dec.decode(bytes.slice(a, b))));
        k = b;
      }
      p.appendChild(document.createTextNode(dec.decode(bytes.slice(k))));
      box.appendChild(p);
    }
  } catch (err) {
    box.textContent = "error: " + err.message;
  }
}

$("#filter").addEventListener("submit", (ev) => { ev.preventDefault(); loadEvents(false); });
$("#more").addEventListener("click", () => loadEvents(true));

function refreshStore() {
  drawTimeseries();
  drawNetwork();
  loadEvents(false);
}

/* ---- start ---- */

(async function start() {
  try {
    const h = await api("/v1/health");
    storeAvailable = h.store;
    $("#health").textContent = `engine ${h.version}; ${h.store ? "store open" : "no store"}`;
  } catch (e) {
    $("#health").textContent = "server not reachable: " + e.message;
  }
  refreshStore();
  drawMap([], []);
  // a link can carry an article to code: #date=YYYY-MM-DD&text=...
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.get("text")) {
    $("#article").value = h.get("text");
    if (h.get("date")) $("#pubdate").value = h.get("date");
    $("#store").checked = h.get("store") === "1";
    codeArticle(h.get("text"), h.get("date"), h.get("store") === "1");
  }
})();

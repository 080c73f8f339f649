// Analytics: the figures of GET /api/analytics as numbers and small SVG bar charts drawn
// here (createElementNS, no library, nothing from a CDN).
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function pct(x) { return x === null || x === undefined ? "—" : (100 * x).toFixed(1) + "%"; }

// A bar chart of [{label, value, alt?}]; values may be null (no data that day).
function bars(points, format) {
  const width = 320, height = 140, pad = 18;
  const box = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" });
  const max = Math.max(0, ...points.map((p) => p.value || 0)) || 1;
  const step = (width - 2 * pad) / Math.max(points.length, 1);
  points.forEach((p, i) => {
    const h = p.value ? (p.value / max) * (height - 2 * pad) : 0;
    const rect = svg("rect", {
      x: pad + i * step + 1, y: height - pad - h, width: Math.max(step - 2, 1), height: h,
      class: p.alt ? "bar alt" : "bar",
    });
    const title = svg("title", {});
    title.textContent = `${p.label}: ${p.value === null ? "no data" : format(p.value)}`;
    rect.append(title);
    box.append(rect);
  });
  const first = svg("text", { x: pad, y: height - 4, class: "axis" });
  first.textContent = points.length ? points[0].label : "no data";
  const last = svg("text", { x: width - pad, y: height - 4, class: "axis", "text-anchor": "end" });
  last.textContent = points.length > 1 ? points[points.length - 1].label : "";
  const top = svg("text", { x: pad, y: 10, class: "axis" });
  top.textContent = "max " + format(max);
  box.append(first, last, top);
  return box;
}

function card(title, value, chart) {
  const box = el("section", "chart");
  box.append(el("h3", "", title), el("div", "value", value));
  if (chart) box.append(chart);
  return box;
}

function render(data) {
  const days = data.per_day;
  const charts = $("charts");
  charts.replaceChildren(
    card("Conversations", data.conversations,
      bars(days.map((d) => ({ label: d.day, value: d.conversations })), (v) => String(Math.round(v)))),
    card("Fallback rate (messages)", pct(data.fallback_rate),
      bars(days.map((d) => ({ label: d.day, value: d.fallback_rate })), pct)),
    card("Handoff rate (conversations)", pct(data.handoff_rate),
      bars(days.map((d) => ({ label: d.day, value: d.handoff_rate })), pct)),
    card("Median turn latency", data.median_turn_latency_ms === null ? "—" : Math.round(data.median_turn_latency_ms) + " ms",
      bars(days.map((d) => ({ label: d.day, value: d.median_latency_ms })), (v) => Math.round(v) + " ms")),
  );
  const sources = data.reply_sources || {};
  charts.append(card("Generated vs template replies",
    `${sources.generated || 0} / ${sources.template || 0}`,
    bars([{ label: "generated", value: sources.generated || 0 }, { label: "template", value: sources.template || 0, alt: true }], (v) => String(v))));
  const rec = data.recommendations;
  if (rec) {
    const rdays = rec.per_day || [];
    charts.append(
      card("Recommendation click-through", pct(rec.click_through_rate),
        bars(rdays.map((d) => ({ label: d.day, value: d.recommended ? d.clicked / d.recommended : null })), pct)),
      card("Add to cart after a recommendation", pct(rec.add_to_cart_rate),
        bars(rdays.map((d) => ({ label: d.day, value: d.recommended ? d.added_to_cart / d.recommended : null })), pct)),
      card("Thumbs up / down", `${rec.thumbs_up} / ${rec.thumbs_down}`,
        bars([{ label: "up", value: rec.thumbs_up }, { label: "down", value: rec.thumbs_down, alt: true }], (v) => String(v))),
    );
  } else {
    const fb = data.chat_feedback || { up: 0, down: 0 };
    charts.append(card("Thumbs up / down (chat)", `${fb.up} / ${fb.down}`, null));
    charts.append(card("Recommendation outcomes", "unavailable", null));
    charts.lastChild.append(el("p", "meta", data.recommendations_error || ""));
  }
}

async function load() {
  try {
    const q = new URLSearchParams();
    if ($("a-since").value) q.set("since", $("a-since").value + "T00:00:00Z");
    if ($("a-until").value) q.set("until", $("a-until").value + "T23:59:59Z");
    const data = await api("GET", "/api/analytics?" + q.toString());
    $("range-note").textContent = `${when(data.since)} – ${when(data.until)}`;
    render(data);
    status(`signed in as ${agent()}`);
  } catch (err) {
    status(err.message, true);
  }
}

$("range").addEventListener("submit", (event) => { event.preventDefault(); load(); });
signIn(load);

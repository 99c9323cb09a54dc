// Dashboard from GET /v1/stats?days=N: decisions over time (stacked by decision), totals,
// top red flags, substances and destinations, drawn as SVG.
import { getJson } from "../api";
import { badge, h, replace } from "../dom";
import { horizontalBars, stackedColumns, type Column } from "../charts";
import { DECISIONS } from "../format";
import { go, type Route } from "../router";
import type { DayCounts, Stats } from "../types";
import { errorBox, pageHeader } from "./common";

const WINDOWS: [number, string][] = [
  [30, "Last 30 days"],
  [90, "Last 90 days"],
  [365, "Last year"],
  [730, "Last 2 years"],
  [1825, "Last 5 years"],
  [3660, "Last 10 years"],
];

const SERIES = DECISIONS.map((d) => ({ key: d, label: d }));

function zero(): Record<string, number> {
  return { clear: 0, review: 0, hold: 0, block: 0 };
}

// Daily columns for short windows; monthly (from the first month with orders) for long ones.
function columns(days: number, series: DayCounts[]): Column[] {
  if (series.length === 0) return [];
  if (days <= 62) {
    return series.map((d) => ({ label: d.date.slice(5), values: { clear: d.clear, review: d.review, hold: d.hold, block: d.block } }));
  }
  const byMonth = new Map<string, Record<string, number>>();
  const first = series[0].date.slice(0, 7);
  const last = series[series.length - 1].date.slice(0, 7);
  let [y, m] = first.split("-").map(Number);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    byMonth.set(key, zero());
    if (key >= last) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  for (const d of series) {
    const v = byMonth.get(d.date.slice(0, 7));
    if (!v) continue;
    for (const k of DECISIONS) v[k] += d[k];
  }
  return [...byMonth.entries()].map(([label, values]) => ({ label, values }));
}

export async function dashboardPage(main: HTMLElement, route: Route): Promise<void> {
  const asked = Number(route.query.get("days"));
  const days = WINDOWS.some(([d]) => d === asked) ? asked : 365;
  const select = h("select", { id: "days", name: "days" }, WINDOWS.map(([d, t]) => h("option", { value: d, selected: d === days }, t)));
  const form = h("form", { class: "toolbar" }, h("label", { for: "days" }, "Window"), select, h("button", { type: "submit", class: "secondary" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go(`#/dashboard?days=${select.value}`);
  });
  const out = h("div", { id: "dashboard-result" });
  replace(main, pageHeader("Dashboard", "Screening decisions by order date in the chosen window."), form, out);
  replace(out, h("p", { class: "loading", role: "status" }, "Loading figures…"));
  try {
    const st = await getJson<Stats>(`/v1/stats?days=${days}`);
    if (st.orders === 0) {
      replace(out, h("p", { class: "empty", role: "status" }, "No orders in this window. ",
        days < 3660 ? h("a", { href: "#/dashboard?days=3660" }, "Show the last 10 years") : null));
      return;
    }
    const cols = columns(days, st.over_time);
    replace(
      out,
      h("ul", { class: "totals", "aria-label": "Decisions in the window" },
        h("li", {}, h("span", { class: "total" }, String(st.orders)), " orders"),
        DECISIONS.map((d) => h("li", {}, h("span", { class: "total" }, String(st.by_decision[d] ?? 0)), " ", badge(d)))),
      stackedColumns(`Decisions ${days <= 62 ? "per day" : "per month"}`, SERIES, cols, "chart-over-time"),
      h("div", { class: "chart-grid" },
        horizontalBars("Top red flags (orders)", st.top_rules, "chart-rules", "c-rules"),
        horizontalBars("Top substances (orders, not clear)", st.top_substances, "chart-substances", "c-substances"),
        horizontalBars("Top destinations (orders)", st.top_destinations, "chart-destinations", "c-destinations")),
    );
  } catch (e) {
    replace(out, errorBox(e));
  }
}

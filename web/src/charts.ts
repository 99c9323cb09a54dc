// Hand-drawn SVG charts (no chart library): stacked columns over time and horizontal bars.
// Colours come from CSS classes (.c-clear …); every chart has a title and a data table.
import { h, s, table } from "./dom";

export interface Series {
  key: string;
  label: string;
}

export interface Column {
  label: string;
  values: Record<string, number>;
}

function niceMax(v: number): number {
  if (v <= 5) return Math.max(1, Math.ceil(v));
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export function stackedColumns(title: string, series: Series[], columns: Column[], id: string): HTMLElement {
  const W = 760, H = 280, left = 40, right = 10, top = 12, bottom = 48;
  const plotW = W - left - right, plotH = H - top - bottom;
  const totals = columns.map((c) => series.reduce((a, sr) => a + (c.values[sr.key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = plotW / Math.max(1, columns.length);
  const barW = Math.max(2, Math.min(40, step * 0.7));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max).filter((v, i, a) => Number.isInteger(v) && a.indexOf(v) === i);
  const labelEvery = Math.max(1, Math.ceil(columns.length / 12));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": `${id}-title`, id },
    s("title", { id: `${id}-title` }, title),
    ticks.map((t) => s("g", { class: "tick" },
      s("line", { x1: left, x2: W - right, y1: y(t), y2: y(t), class: "grid" }),
      s("text", { x: left - 6, y: y(t) + 4, "text-anchor": "end", class: "axis" }, String(t)))),
    columns.map((c, i) => {
      let acc = 0;
      const x = left + i * step + (step - barW) / 2;
      return s("g", { class: "column" },
        series.map((sr) => {
          const v = c.values[sr.key] ?? 0;
          if (v <= 0) return null;
          const r = s("rect", { x, y: y(acc + v), width: barW, height: (v / max) * plotH, class: `bar c-${sr.key}` },
            s("title", {}, `${c.label}: ${v} ${sr.label}`));
          acc += v;
          return r;
        }),
        i % labelEvery === 0
          ? s("text", { x: x + barW / 2, y: H - bottom + 16, "text-anchor": "middle", class: "axis" }, c.label)
          : null);
    }),
    s("line", { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: "baseline" }),
  );
  const legend = h("ul", { class: "legend" }, series.map((sr) => h("li", {}, h("span", { class: `swatch c-${sr.key}`, "aria-hidden": "true" }), sr.label)));
  return h("figure", { class: "chart-figure" },
    h("figcaption", {}, title),
    svg,
    legend,
    h("details", {}, h("summary", {}, "Data table"),
      table(null, ["Period", ...series.map((sr) => sr.label), "Total"],
        columns.map((c, i) => [c.label, ...series.map((sr) => String(c.values[sr.key] ?? 0)), String(totals[i])]))));
}

export function horizontalBars(title: string, rows: { key: string; count: number }[], id: string, cls = "c-bar"): HTMLElement {
  if (rows.length === 0)
    return h("figure", { class: "chart-figure" }, h("figcaption", {}, title), h("p", { class: "muted" }, "Nothing in this window."));
  const W = 460, rowH = 26, labelW = 210, right = 40;
  const H = rows.length * rowH + 8;
  const max = Math.max(...rows.map((r) => r.count), 1);
  const barMax = W - labelW - right;
  const trunc = (t: string) => (t.length > 25 ? `${t.slice(0, 24)}…` : t);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": `${id}-title`, id },
    s("title", { id: `${id}-title` }, title),
    rows.map((r, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, (r.count / max) * barMax);
      return s("g", { class: "hbar" },
        s("text", { x: labelW - 8, y: y + rowH / 2 + 4, "text-anchor": "end", class: "axis hlabel" }, trunc(r.key)),
        s("rect", { x: labelW, y: y + 3, width: w, height: rowH - 8, class: `bar ${cls}` }, s("title", {}, `${r.key}: ${r.count}`)),
        s("text", { x: labelW + w + 6, y: y + rowH / 2 + 4, class: "value" }, String(r.count)));
    }));
  return h("figure", { class: "chart-figure" },
    h("figcaption", {}, title),
    svg,
    h("details", {}, h("summary", {}, "Data table"), table(null, ["Name", "Orders"], rows.map((r) => [r.key, String(r.count)]))));
}

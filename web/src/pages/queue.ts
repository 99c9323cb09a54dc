// The review queue: orders decided review or hold that have no disposition yet
// (GET /v1/orders?status=open), most severe first; other views by decision.
import { getJson } from "../api";
import { badge, h, replace, table } from "../dom";
import { DECISION_RANK, SEVERITY_RANK, label, num } from "../format";
import { go, orderHref, type Route } from "../router";
import type { OrderList, OrderSummary } from "../types";
import { errorBox, pageHeader } from "./common";

const VIEWS: [string, string][] = [
  ["open", "Open: review or hold, no disposition yet"],
  ["hold", "All decided hold"],
  ["review", "All decided review"],
  ["block", "All decided block"],
  ["clear", "All decided clear"],
  ["all", "All orders"],
];

function query(view: string): string {
  const q = new URLSearchParams({ limit: "500" });
  if (view === "open") q.set("status", "open");
  else if (view !== "all") q.set("decision", view);
  return q.toString();
}

function severityOf(o: OrderSummary): number {
  return SEVERITY_RANK[o.top_reason?.severity ?? ""] ?? 0;
}

export async function queuePage(main: HTMLElement, route: Route): Promise<void> {
  const view = VIEWS.some(([v]) => v === route.query.get("view")) ? (route.query.get("view") as string) : "open";
  const select = h("select", { id: "queue-view", name: "view" },
    VIEWS.map(([v, text]) => h("option", { value: v, selected: v === view }, text)));
  const form = h("form", { class: "toolbar" },
    h("label", { for: "queue-view" }, "Show"), select, h("button", { type: "submit", class: "secondary" }, "Apply"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go(`#/queue?view=${encodeURIComponent(select.value)}`);
  });
  const out = h("div", { id: "queue-result" });
  replace(main, pageHeader("Review queue", "Orders waiting for an analyst's disposition, the most severe first. Open an order to record a disposition with a note."), form, out);
  replace(out, h("p", { class: "loading", role: "status" }, "Loading orders…"));
  try {
    const list = await getJson<OrderList>(`/v1/orders?${query(view)}`);
    const orders = [...list.orders].sort(
      (a, b) =>
        (DECISION_RANK[b.decision] ?? 0) - (DECISION_RANK[a.decision] ?? 0) ||
        severityOf(b) - severityOf(a) ||
        b.score - a.score,
    );
    if (orders.length === 0) {
      replace(out, h("p", { class: "empty", role: "status" }, view === "open" ? "The queue is empty: every order on review or hold has a disposition." : "No orders."));
      return;
    }
    const rows = orders.map((o) => [
      h("a", { href: orderHref(o.id), class: "order-link" }, o.id),
      h("time", { datetime: o.date }, o.date),
      o.customer_name || o.customer,
      badge(o.decision),
      num(o.score, 1),
      o.top_reason
        ? h("span", {}, badge(o.top_reason.severity), " ", h("code", {}, o.top_reason.rule), " ",
            h("span", { class: "muted" }, o.top_reason.explanation ?? ""))
        : "—",
      String(o.reasons),
      o.disposition ? badge("disposition", label(o.disposition)) : "—",
    ]);
    replace(
      out,
      h("p", { role: "status" }, `${list.total} order${list.total === 1 ? "" : "s"}${list.total > orders.length ? ` (showing ${orders.length})` : ""}.`),
      table(null, ["Order", "Date", "Customer", "Decision", "Score", "Most severe reason", "Reasons", "Disposition"], rows, "data queue-table"),
    );
  } catch (e) {
    replace(out, errorBox(e));
  }
}

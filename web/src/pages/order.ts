// One order: decision, reasons (most severe first), items, parties and list hits, reviews,
// history, the disposition form (POST /v1/orders/{id}/review, note mandatory) and the
// suspicious-order report download (GET /v1/orders/{id}/report).
import { ApiError, getJson, postJson, request, saveResponse } from "../api";
import { badge, dl, h, replace, table, type Child } from "../dom";
import { bySeverity, label, num, when } from "../format";
import type { Route } from "../router";
import type { OrderDetail, OrderItem, OrderParty, Review } from "../types";
import { errorBox } from "./common";

const DISPOSITIONS: [string, string, string][] = [
  ["release", "Release", "the order may ship"],
  ["confirm_hold", "Confirm hold", "keep it held pending more information"],
  ["block", "Block", "refuse the order"],
  ["report", "Report", "file a suspicious-order report (starts the report clock)"],
];

function itemStatus(it: OrderItem): Child {
  if (it.error) return h("span", { class: "problem-inline" }, `${it.error.message} (${it.error.code})`);
  const st = it.status ?? {};
  const keys = Object.keys(st);
  if (keys.length === 0) return "—";
  return h("ul", { class: "plain" }, keys.map((c) => {
    const r = st[c];
    return h("li", {}, h("strong", {}, c), r.role ? ` (${r.role})` : "", ": ",
      r.category === "none" ? "not listed" : [r.listing ?? r.category, r.citation ? [" — ", h("span", { class: "citation" }, r.citation)] : "",
        r.effective ? `, since ${r.effective}` : ""],
      r.reading === "strictest" ? h("span", { class: "muted" }, " (strictest reading: no rulebook loaded)") : "");
  }));
}

function itemsTable(items: OrderItem[]): HTMLElement {
  return table("Items", ["#", "Item", "Quantity", "Verdict", "Status per route country", "Flags"], items.map((it) => [
    String(it.item),
    it.kind === "equipment"
      ? `${it.equipment ?? "equipment"}`
      : h("span", {}, it.name ?? it.input ?? "", it.name && it.input && it.input !== it.name ? h("span", { class: "muted" }, ` (${it.input})`) : ""),
    it.kind === "equipment" ? String(it.quantity ?? "") : `${num(it.quantity)} ${it.unit ?? ""}`,
    it.verdict ? badge(it.verdict) : "—",
    itemStatus(it),
    it.flags?.length ? it.flags.map((f) => h("div", {}, badge(f.type), ` ${f.target}`)) : "—",
  ]));
}

function partiesTable(parties: OrderParty[]): HTMLElement {
  return table("Parties and list hits", ["Role", "Name", "Country", "List hits"], parties.map((p) => [
    label(p.role),
    p.name,
    p.country ?? "—",
    p.hits.length
      ? h("ul", { class: "plain" }, p.hits.map((x) => h("li", { class: "hit" },
          badge("hit", x.list), " ", h("strong", {}, x.matched_name || x.name), ` score ${num(x.score)}`,
          x.programs?.length ? ` · ${x.programs.join(", ")}` : "",
          x.explanation ? h("div", { class: "muted" }, x.explanation) : null)))
      : h("span", { class: "muted" }, p.note ?? "no hits"),
  ]));
}

function reviewsTable(reviews: Review[]): HTMLElement {
  if (reviews.length === 0) return h("p", { class: "muted" }, "No disposition recorded yet.");
  return table(null, ["When", "Disposition", "Note", "By"], reviews.map((r) => [
    when(r.created_at), badge("disposition", label(r.disposition)), r.note, r.actor,
  ]), "data reviews-table");
}

async function download(id: string, format: "json" | "markdown", status: HTMLElement): Promise<void> {
  try {
    replace(status, "Preparing the report…");
    const res = await request("GET", `/v1/orders/${encodeURIComponent(id)}/report?format=${format}`,
      { accept: format === "json" ? "application/json" : "text/markdown" });
    await saveResponse(res, `report-${id}.${format === "json" ? "json" : "md"}`);
    replace(status, `Report downloaded (${format === "json" ? "JSON" : "Markdown"}).`);
  } catch (e) {
    replace(status, errorBox(e));
  }
}

function reviewForm(id: string, onDone: (r: Review) => void): HTMLElement {
  const note = h("textarea", { id: "review-note", name: "note", rows: 3, required: true, maxlength: 4000,
    "aria-describedby": "review-note-help" });
  const status = h("div", { id: "review-status", "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Record disposition");
  const form = h("form", { class: "card", id: "review-form", "aria-labelledby": "review-title", novalidate: true },
    h("h2", { id: "review-title" }, "Record a disposition"),
    h("fieldset", {},
      h("legend", {}, "Disposition"),
      DISPOSITIONS.map(([v, text, help], i) => h("div", { class: "radio" },
        h("input", { type: "radio", name: "disposition", id: `disp-${v}`, value: v, required: i === 0 }),
        h("label", { for: `disp-${v}` }, text, h("span", { class: "muted" }, ` — ${help}`))))),
    h("label", { for: "review-note" }, "Note (required)"),
    note,
    h("p", { id: "review-note-help", class: "help" }, "Say why you decided this; the note is kept in the audit trail."),
    button,
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>("input[name=disposition]:checked");
    if (!chosen) {
      replace(status, h("div", { class: "problem", role: "alert" }, "Choose a disposition."));
      form.querySelector<HTMLInputElement>("input[name=disposition]")?.focus();
      return;
    }
    if (!note.value.trim()) {
      replace(status, h("div", { class: "problem", role: "alert" }, "A note is required: say why you decided this."));
      note.focus();
      return;
    }
    button.disabled = true;
    try {
      const r = await postJson<Review>(`/v1/orders/${encodeURIComponent(id)}/review`, { disposition: chosen.value, note: note.value.trim() });
      onDone(r);
    } catch (err) {
      replace(status, errorBox(err));
      if (err instanceof ApiError && err.field === "note") note.focus();
      button.disabled = false;
    }
  });
  return form;
}

export async function orderPage(main: HTMLElement, route: Route, flash?: string): Promise<void> {
  const id = route.params[0] ?? "";
  const body = h("div", {});
  replace(main, h("p", {}, h("a", { href: "#/queue" }, "← Review queue")), h("h1", {}, `Order ${id}`), body);
  replace(body, h("p", { class: "loading", role: "status" }, "Loading the order…"));
  let o: OrderDetail;
  try {
    o = await getJson<OrderDetail>(`/v1/orders/${encodeURIComponent(id)}`);
  } catch (e) {
    replace(body, errorBox(e));
    return;
  }
  const reportStatus = h("div", { id: "report-status", "aria-live": "polite" });
  const reasons = bySeverity(o.reasons);
  replace(
    body,
    flash ? h("div", { class: "notice", role: "status", id: "review-done" }, flash) : null,
    h("div", { class: "result-top" },
      dl([
        ["Decision", badge(o.decision)],
        ["Score", num(o.score, 1)],
        ["Order date", o.date],
        ["Customer", o.customer],
        ["Decided", when(o.decided_at)],
        ["Policy", h("code", {}, o.policy)],
        ["Disposition", o.disposition ? badge("disposition", label(o.disposition)) : "none yet"],
      ]),
      h("div", { class: "actions" },
        h("h2", {}, "Suspicious-order report"),
        h("button", { type: "button", class: "secondary", id: "report-json", onclick: () => void download(o.id, "json", reportStatus) }, "Download report (JSON)"),
        " ",
        h("button", { type: "button", class: "secondary", id: "report-md", onclick: () => void download(o.id, "markdown", reportStatus) }, "Download report (Markdown)"),
        reportStatus)),
    h("h2", {}, `Reasons (${reasons.length}), most severe first`),
    reasons.length
      ? h("ol", { class: "reasons" }, reasons.map((r) => h("li", {},
          badge(r.severity), " ", h("code", {}, r.rule),
          r.item ? h("span", { class: "muted" }, ` · item ${r.item}`) : "",
          r.party ? h("span", { class: "muted" }, ` · ${label(r.party)}`) : "",
          r.explanation ? h("p", {}, r.explanation) : null,
          r.source ? h("p", { class: "citation" }, r.source) : null)))
      : h("p", { class: "muted" }, "No red flags."),
    itemsTable(o.items),
    partiesTable(o.parties),
    o.notes.length ? [h("h2", {}, "Notes"), h("ul", {}, o.notes.map((n) => h("li", {}, n)))] : null,
    reviewForm(o.id, (r) => {
      void orderPage(main, route, `Recorded: ${label(r.disposition)} (${when(r.created_at)}).`).then(() =>
        (main.querySelector("#review-done") as HTMLElement | null)?.focus());
    }),
    h("h2", {}, "Dispositions"),
    reviewsTable(o.reviews),
    h("h2", {}, "History"),
    o.history.length
      ? table(null, ["#", "When", "Who", "What", "Detail"], o.history.map((x) => [
          String(x.seq), when(x.ts), x.actor, label(x.action.replace(/\./g, " ")),
          h("code", { class: "wrap" }, x.detail ? JSON.stringify(x.detail) : ""),
        ]), "data history-table")
      : h("p", { class: "muted" }, "No history."),
  );
  (main.querySelector("#review-done") as HTMLElement | null)?.setAttribute("tabindex", "-1");
}

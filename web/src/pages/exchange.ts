// The cooperation exchange between authorities (docs/exchange.md): inbox and outbox
// (GET /v1/exchange/records), one record with its signed timeline, receipts and the event form
// (GET/POST /v1/exchange/records/{id}[/events]), the outbox's deliveries (GET /v1/exchange/outbox)
// and the responsiveness dashboard per partner and quarter (GET /v1/exchange/indicators).
import { ApiError, getJson, postJson, request, saveResponse } from "../api";
import { badge, dl, h, replace, table, type Child } from "../dom";
import { stackedColumns } from "../charts";
import { label, num, when } from "../format";
import { go, type Route } from "../router";
import type {
  ExchangeList, ExchangeRecord, ExchangeRecordSummary, Figures, Indicators, OutboxRow, TimelineEntry,
} from "../exchange_types";
import { errorBox, pageHeader } from "./common";

const KINDS = ["notification", "incident", "lead", "report"];
const ACTIONS = ["inspection", "investigation", "seizure", "licence_revoked", "website_taken_down"];

export function recordHref(id: string): string {
  return `#/exchange-record/${encodeURIComponent(id)}`;
}

function tlpBadge(tlp: string): HTMLElement {
  return h("span", { class: `tlp tlp-${tlp.replace("+", "-")}` }, `TLP:${tlp.toUpperCase()}`);
}

function subnav(current: string): HTMLElement {
  const links: [string, string, string][] = [
    ["inbox", "Inbox", "#/exchange?box=inbox"], ["outbox", "Outbox", "#/exchange?box=outbox"],
    ["new", "New record", "#/exchange-new"], ["deliveries", "Deliveries", "#/exchange-deliveries"],
    ["responsiveness", "Responsiveness", "#/exchange-dashboard"],
  ];
  return h("nav", { class: "subnav", "aria-label": "Exchange" }, h("ul", {}, links.map(([k, t, href]) =>
    h("li", {}, h("a", { href, "aria-current": k === current ? "page" : null }, t)))));
}

// Inbox (records addressed to this node) or outbox (records it sent).
export async function exchangePage(main: HTMLElement, route: Route): Promise<void> {
  const box = route.query.get("box") === "outbox" ? "outbox" : "inbox";
  const kind = KINDS.includes(route.query.get("kind") ?? "") ? (route.query.get("kind") as string) : "";
  const select = h("select", { id: "exchange-kind", name: "kind" },
    h("option", { value: "", selected: kind === "" }, "All kinds"),
    KINDS.map((k) => h("option", { value: k, selected: k === kind }, k)));
  const form = h("form", { class: "toolbar" }, h("label", { for: "exchange-kind" }, "Kind"), select,
    h("button", { type: "submit", class: "secondary" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go(`#/exchange?box=${box}${select.value ? `&kind=${select.value}` : ""}`);
  });
  const out = h("div", { id: "exchange-result" });
  replace(main, pageHeader(box === "inbox" ? "Exchange inbox" : "Exchange outbox",
    box === "inbox" ? "Records other authorities addressed to this node." : "Records this node sent, and where each recipient stands."),
    subnav(box), form, out);
  replace(out, h("p", { class: "loading", role: "status" }, "Loading records…"));
  try {
    const q = new URLSearchParams({ box });
    if (kind) q.set("kind", kind);
    const list = await getJson<ExchangeList>(`/v1/exchange/records?${q}`);
    if (list.records.length === 0) {
      replace(out, h("p", { class: "empty", role: "status" }, box === "inbox" ? "Nothing received yet." : "Nothing sent yet."));
      return;
    }
    const rows = list.records.map((r: ExchangeRecordSummary) => [
      h("a", { href: recordHref(r.id), class: "record-link" }, r.id),
      badge("kind", r.kind),
      box === "inbox" ? r.originator : r.to.join(", "),
      tlpBadge(r.tlp),
      r.summary,
      when(r.created_at),
      box === "inbox" ? badge("state", label(r.state))
        : h("ul", { class: "plain" }, Object.entries(r.states).map(([who, st]) => h("li", {}, `${who}: `, badge("state", label(st))))),
    ]);
    replace(out,
      h("p", { role: "status" }, `${list.total} record${list.total === 1 ? "" : "s"} on node ${list.node}.`),
      table(null, ["Record", "Kind", box === "inbox" ? "From" : "To", "TLP", "Summary", "Created", box === "inbox" ? "State" : "States"], rows,
        "data exchange-table"));
  } catch (e) {
    replace(out, errorBox(e));
  }
}

function value(v: unknown): Child {
  if (v === null || v === undefined) return "—";
  if (typeof v === "object" && !Array.isArray(v) && v !== null && "withheld" in (v as Record<string, unknown>))
    return h("span", { class: "withheld" }, "withheld: business confidential (art. 12(11))");
  if (typeof v === "object" && !Array.isArray(v) && v !== null && "name" in (v as Record<string, unknown>)) {
    const p = v as Record<string, string>;
    return [p.name, p.country ? ` (${p.country})` : ""];
  }
  if (Array.isArray(v)) return v.length === 0 ? "—" : h("ul", { class: "plain" }, v.map((x) => h("li", {}, value(x))));
  if (typeof v === "object")  // lead subjects and the like: a labelled list per member
    return h("dl", { class: "facts" }, Object.entries(v as Record<string, unknown>).map(([k, x]) => [h("dt", {}, label(k)), h("dd", {}, value(x))]));
  return String(v);
}

function timelineList(items: TimelineEntry[]): HTMLElement {
  return h("ol", { class: "timeline", id: "timeline" }, items.map((t) => h("li", { "data-type": t.type },
    h("time", { datetime: t.at }, when(t.at)), " ", badge("event", label(t.type)), ` by ${t.by}`,
    t.track ? ` (for ${t.track})` : "",
    t.action ? [": ", label(t.action)] : "",
    t.outcome ? `: ${t.outcome.arrests} arrests, ${t.outcome.prosecutions} prosecutions, ${t.outcome.convictions} convictions, ${num(t.outcome.seized_kg)} kg seized` : "",
    t.note ? h("div", { class: "muted" }, t.note) : null,
    t.applied === false ? h("div", { class: "muted not-applied" }, "arrived after this copy had moved on: kept as signed evidence, changes no state") : null)));
}

function eventForm(rec: ExchangeRecord, reload: () => void): HTMLElement | null {
  const allowed = rec.allowed_events ?? [];
  if (allowed.length === 0) return h("p", { class: "muted", id: "no-events" }, "No event is open to this node in the record's current state.");
  const type = h("select", { id: "event-type", name: "type" }, allowed.map((t) => h("option", { value: t }, label(t))));
  const action = h("select", { id: "event-action", name: "action" }, ACTIONS.map((a) => h("option", { value: a }, label(a))));
  const note = h("textarea", { id: "event-note", name: "note", rows: 2, maxlength: 4000 });
  const figures = ["arrests", "prosecutions", "convictions", "seized_kg"].map((f) =>
    h("label", { for: `outcome-${f}` }, label(f), h("input", { id: `outcome-${f}`, type: "number", min: 0, step: f === "seized_kg" ? "any" : 1, value: 0 })));
  const actionRow = h("div", { id: "event-action-row" }, h("label", { for: "event-action" }, "Action"), action);
  const outcomeRow = h("div", { id: "event-outcome-row", class: "row" }, figures);
  const status = h("div", { id: "event-status", role: "status" });
  const sync = () => {
    actionRow.hidden = type.value !== "action_taken";
    outcomeRow.hidden = type.value !== "outcome";
  };
  type.addEventListener("change", sync);
  sync();
  const form = h("form", { class: "card", id: "event-form", "aria-labelledby": "event-title", novalidate: true },
    h("h2", { id: "event-title" }, "Record an event"),
    h("p", { class: "help" }, "Signed with this node's key and delivered to the record's parties; the timeline shows it at once."),
    h("label", { for: "event-type" }, "Event"), type, actionRow, outcomeRow,
    h("label", { for: "event-note" }, "Note (required to decline, object or request information)"), note,
    h("button", { type: "submit" }, "Record"), status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body: Record<string, unknown> = { type: type.value };
    if (note.value.trim()) body.note = note.value.trim();
    if (type.value === "action_taken") body.action = action.value;
    if (type.value === "outcome") {
      const o: Record<string, number> = {};
      for (const f of ["arrests", "prosecutions", "convictions", "seized_kg"])
        o[f] = Number((document.getElementById(`outcome-${f}`) as HTMLInputElement).value || 0);
      body.outcome = o;
    }
    replace(status, "Recording…");
    try {
      await postJson(`/v1/exchange/records/${encodeURIComponent(rec.id)}/events`, body);
      replace(status, h("p", { class: "notice", id: "event-done" }, `Recorded: ${label(type.value)}.`));
      reload();
    } catch (err) {
      replace(status, errorBox(err));
      if (err instanceof ApiError && err.field === "note") note.focus();
    }
  });
  return form;
}

export async function exchangeRecordPage(main: HTMLElement, route: Route): Promise<void> {
  const id = route.params[0] ?? "";
  const out = h("div", { id: "record-result" });
  replace(main, h("h1", {}, `Exchange record ${id}`), subnav(""), out);
  const load = async () => {
    try {
      const r = await getJson<ExchangeRecord>(`/v1/exchange/records/${encodeURIComponent(id)}`);
      const states = Object.entries(r.states).map(([who, st]) => h("span", { class: "state" }, `${who}: `, badge("state", label(st)), " "));
      const body = Object.entries(r.body).filter(([k]) => k !== "report");
      replace(out,
        dl([
          ["Kind", badge("kind", r.kind)],
          ["From", r.originator],
          ["To", r.to.join(", ")],
          ["TLP", tlpBadge(r.tlp)],
          ["Handling", Object.entries(r.handling).filter(([, v]) => v).map(([k]) => label(k)).join(", ")],
          ["Created", when(r.created_at)],
          ["Reply deadline", r.reply_deadline ? when(r.reply_deadline) : ""],
          ["State", states],
        ]),
        r.withheld ? h("p", { class: "notice", id: "withheld-note" }, "Fields marked business confidential are withheld from your role.") : null,
        h("section", { "aria-labelledby": "body-title" }, h("h2", { id: "body-title" }, "Content"),
          table(null, ["Field", "Value"], body.map(([k, v]) => [label(k) + (r.confidential.includes(k) ? " (confidential)" : ""), value(v)]), "data body-table"),
          "report" in r.body ? h("details", {}, h("summary", {}, "Suspicious-order report"), h("pre", { class: "json" }, JSON.stringify(r.body.report, null, 2))) : null),
        r.classification.length
          ? table("Substances as classified when the record was created", ["Input", "Substance", "Verdict", "Status"],
              r.classification.map((c) => [c.input, c.name || "—", badge(c.verdict),
                h("ul", { class: "plain" }, Object.entries(c.status).map(([j, s]) =>
                  h("li", {}, h("strong", {}, j), ": ", s.category === "none" ? "not listed" : `${s.listing} — ${s.citation}`)))]),
              "data classification-table")
          : null,
        r.screening.length
          ? table("Parties screened against the lists", ["Name", "Matches"], r.screening.map((s) => [s.name,
              s.matches.length ? s.matches.map((m) => h("div", {}, badge("hit", m.list), ` ${m.name} ${num(m.score)}`)) : h("span", { class: "muted" }, "no hits")]),
              "data screening-table")
          : null,
        h("section", { "aria-labelledby": "timeline-title" }, h("h2", { id: "timeline-title" }, "Timeline (signed events)"), timelineList(r.timeline)),
        h("section", { "aria-labelledby": "receipts-title" }, h("h2", { id: "receipts-title" }, "Receipts"),
          r.receipts.length
            ? table(null, ["Envelope", "Received by", "At", "Result", "Signed receipt"], r.receipts.map((x) => [
                h("code", {}, x.envelope_id), x.recipient, when(x.received_at), x.result,
                h("details", {}, h("summary", {}, "payload and signature"), h("pre", { class: "json" }, JSON.stringify(x.receipt, null, 2)))]),
                "data receipts-table")
            : h("p", { class: "muted" }, "No receipt yet: the recipients have not confirmed delivery.")),
        eventForm(r, () => void load()),
      );
    } catch (e) {
      replace(out, errorBox(e));
    }
  };
  replace(out, h("p", { class: "loading", role: "status" }, "Loading the record…"));
  await load();
}

export async function exchangeDeliveriesPage(main: HTMLElement): Promise<void> {
  const out = h("div", { id: "deliveries-result" });
  replace(main, pageHeader("Exchange deliveries", "Envelopes this node still has to deliver, with their attempts and the last error."), subnav("deliveries"), out);
  try {
    const j = await getJson<{ envelopes: OutboxRow[] }>("/v1/exchange/outbox?all=true");
    if (j.envelopes.length === 0) {
      replace(out, h("p", { class: "empty", role: "status" }, "Nothing sent yet."));
      return;
    }
    replace(out, table(null, ["Envelope", "To", "Type", "Record", "State", "Attempts", "Next attempt", "Last error", "Delivered"],
      j.envelopes.map((r) => [h("code", {}, r.envelope_id), r.peer, r.type, h("a", { href: recordHref(r.record_id) }, r.record_id),
        badge("state", r.state), String(r.attempts), when(r.next_attempt_at), r.last_error ?? "—", when(r.delivered_at)]),
      "data deliveries-table"));
  } catch (e) {
    replace(out, errorBox(e));
  }
}

function figuresTable(p: { sent: Figures; received: Figures }, partner: string): HTMLElement {
  const rows: [string, (f: Figures) => string][] = [
    ["Notifications", (f) => String(f.notifications.sent)],
    ["answered by the deadline", (f) => String(f.notifications.answered)],
    ["expired", (f) => String(f.notifications.expired)],
    ["pending", (f) => String(f.notifications.pending)],
    ["median hours to acknowledge", (f) => num(f.notifications.median_hours_to_acknowledge) || "—"],
    ["Leads", (f) => String(f.leads.sent)],
    ["acknowledged", (f) => String(f.leads.acknowledged)],
    ["acted on", (f) => `${f.leads.acted_on}${f.leads.acted_on_pct === null ? "" : ` (${num(f.leads.acted_on_pct)} %)`}`],
    ["declined", (f) => String(f.leads.declined)],
    ["median hours to acknowledge", (f) => num(f.leads.median_hours_to_acknowledge) || "—"],
    ["arrests / prosecutions / convictions", (f) => `${f.leads.arrests} / ${f.leads.prosecutions} / ${f.leads.convictions}`],
    ["seized (kg)", (f) => num(f.leads.seized_kg)],
  ];
  return table(`Figures with ${partner}`, ["", `What we sent, ${partner}'s answers`, `What ${partner} sent, our answers`],
    rows.map(([t, f]) => [t, f(p.sent), f(p.received)]), "data figures-table");
}

function csvButton(q: URLSearchParams): HTMLElement {
  const status = h("span", { id: "csv-status", role: "status" });
  const button = h("button", { type: "button", class: "secondary", id: "indicators-csv" }, "Download CSV");
  button.addEventListener("click", async () => {
    try {
      const csv = new URLSearchParams(q);
      csv.set("format", "csv");
      await saveResponse(await request("GET", `/v1/exchange/indicators?${csv}`, { accept: "text/csv" }), "indicators.csv");
      replace(status, "");
    } catch (e) {
      replace(status, errorBox(e));
    }
  });
  return h("span", {}, button, status);
}

export async function exchangeDashboardPage(main: HTMLElement, route: Route): Promise<void> {
  const from = route.query.get("from") ?? "";
  const to = route.query.get("to") ?? "";
  const fromIn = h("input", { id: "ind-from", type: "date", value: from });
  const toIn = h("input", { id: "ind-to", type: "date", value: to });
  const form = h("form", { class: "toolbar" }, h("label", { for: "ind-from" }, "Created from"), fromIn,
    h("label", { for: "ind-to" }, "to"), toIn, h("button", { type: "submit", class: "secondary" }, "Show"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (fromIn.value) q.set("from", fromIn.value);
    if (toIn.value) q.set("to", toIn.value);
    go(`#/exchange-dashboard${q.toString() ? `?${q}` : ""}`);
  });
  const out = h("div", { id: "indicators-result" });
  replace(main, pageHeader("Responsiveness", "How each partner answered what this node sent, and how this node answered them, per quarter — computed from signed events and receipts only."),
    subnav("responsiveness"), form, out);
  replace(out, h("p", { class: "loading", role: "status" }, "Loading figures…"));
  try {
    const q = new URLSearchParams();
    if (from) q.set("from", from);
    if (to) q.set("to", to);
    const ind = await getJson<Indicators>(`/v1/exchange/indicators${q.toString() ? `?${q}` : ""}`);
    if (ind.partners.length === 0) {
      replace(out, h("p", { class: "empty", role: "status" }, "No partner yet."));
      return;
    }
    replace(out,
      h("p", { class: "muted" }, `Node ${ind.node}, as of ${when(ind.as_of)}. `,
        csvButton(q)),
      ind.partners.map((p) => h("section", { class: "partner", "data-partner": p.partner, "aria-labelledby": `partner-${p.partner}` },
        h("h2", { id: `partner-${p.partner}` }, `${p.partner}`,
          h("span", { class: "muted" }, ` · reciprocity: ${p.reciprocity.leads_given} lead${p.reciprocity.leads_given === 1 ? "" : "s"} given, ${p.reciprocity.leads_received} received`)),
        figuresTable(p, p.partner),
        h("div", { class: "chart-grid" },
          stackedColumns(`Notifications to ${p.partner} per quarter`,
            [{ key: "answered", label: "answered" }, { key: "expired", label: "expired" }, { key: "pending", label: "pending" }],
            p.quarters.map((x) => ({ label: x.quarter, values: { answered: x.sent.notifications.answered, expired: x.sent.notifications.expired, pending: x.sent.notifications.pending } })),
            `chart-notifications-${p.partner}`),
          stackedColumns(`Leads to ${p.partner} per quarter`,
            [{ key: "acted", label: "acted on" }, { key: "acknowledged", label: "acknowledged only" }, { key: "unanswered", label: "not acknowledged" }],
            p.quarters.map((x) => {
              const l = x.sent.leads;
              return { label: x.quarter, values: { acted: l.acted_on, acknowledged: Math.max(0, l.acknowledged - l.acted_on), unanswered: Math.max(0, l.sent - Math.max(l.acknowledged, l.acted_on)) } };
            }),
            `chart-leads-${p.partner}`),
          stackedColumns(`Outcomes of leads to ${p.partner} per quarter`,
            [{ key: "arrests", label: "arrests" }, { key: "prosecutions", label: "prosecutions" }, { key: "convictions", label: "convictions" }],
            p.quarters.map((x) => ({ label: x.quarter, values: { arrests: x.sent.leads.arrests, prosecutions: x.sent.leads.prosecutions, convictions: x.sent.leads.convictions } })),
            `chart-outcomes-${p.partner}`)))));
  } catch (e) {
    replace(out, errorBox(e));
  }
}

// A starting body per kind (docs/exchange.md lists every field); the analyst edits it.
const TEMPLATES: Record<string, unknown> = {
  notification: {
    exporter: { name: "", country: "" }, importer: { name: "", country: "" }, consignee: { name: "", country: "" },
    substance: "", quantity_kg: 1, point_of_entry: "", dispatch_date: "YYYY-MM-DD", hs_code: "", export_authorization: "",
    transit_countries: [], reply_deadline: "YYYY-MM-DD",
  },
  incident: { incident_type: "seizure", date: "YYYY-MM-DD", substances: [{ substance: "", quantity_kg: 0 }], route: [], parties: [], modus_operandi: "" },
  lead: { subjects: { parties: [], addresses: [], phones: [], emails: [], wallets: [], websites: [] }, substances: [], evidence_summary: "" },
  report: { order_id: "" },
};

// Creates a record (POST /v1/exchange/records): kind, recipients among the peers, TLP, handling,
// the body as JSON and the business-confidential fields.
export async function exchangeNewPage(main: HTMLElement): Promise<void> {
  const out = h("div", { id: "new-record" });
  replace(main, pageHeader("New exchange record", "Signed with this node's key and delivered to the authorities you address; the audience, TLP and handling cannot change afterwards."),
    subnav("new"), out);
  let peers: { authority: string; name: string }[] = [];
  try {
    peers = (await getJson<{ peers: { authority: string; name: string }[] }>("/v1/exchange/peers")).peers;
  } catch (e) {
    replace(out, errorBox(e));
    return;
  }
  if (peers.length === 0) {
    replace(out, h("p", { class: "empty" }, "No peer yet: an operator adds one with chokepoint exchange peer add."));
    return;
  }
  const kind = h("select", { id: "new-kind", name: "kind" }, KINDS.map((k) => h("option", { value: k }, k)));
  const to = h("fieldset", { id: "new-to" }, h("legend", {}, "To"), peers.map((p) => h("div", { class: "radio" },
    h("input", { type: "checkbox", id: `to-${p.authority}`, value: p.authority, name: "to" }),
    h("label", { for: `to-${p.authority}` }, p.name === p.authority ? p.authority : `${p.authority} — ${p.name}`))));
  const tlp = h("select", { id: "new-tlp", name: "tlp" }, ["clear", "green", "amber", "amber+strict", "red"].map((t) =>
    h("option", { value: t, selected: t === "amber" }, `TLP:${t.toUpperCase()}`)));
  const perms = ["act", "evidence", "re_share"].map((p) => h("div", { class: "radio" },
    h("input", { type: "checkbox", id: `handling-${p}`, checked: p === "act" }), h("label", { for: `handling-${p}` }, label(p))));
  const body = h("textarea", { id: "new-body", name: "body", rows: 14, class: "code", spellcheck: "false" });
  const confidential = h("input", { id: "new-confidential", name: "confidential", type: "text", placeholder: "e.g. exporter, export_authorization" });
  const status = h("div", { id: "new-status", role: "status" });
  const fill = () => { body.value = JSON.stringify(TEMPLATES[kind.value], null, 2); };
  kind.addEventListener("change", fill);
  fill();
  const form = h("form", { class: "card", id: "new-form", novalidate: true },
    h("label", { for: "new-kind" }, "Kind"), kind, to,
    h("label", { for: "new-tlp" }, "TLP"), tlp,
    h("fieldset", {}, h("legend", {}, "Handling (read is always granted)"), perms),
    h("label", { for: "new-body" }, "Content (JSON)"), body,
    h("label", { for: "new-confidential" }, "Business-confidential fields (comma-separated; withheld from auditors)"), confidential,
    h("button", { type: "submit" }, "Sign and send"), status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.value);
    } catch (err) {
      replace(status, h("div", { class: "problem", role: "alert" }, `The content is not valid JSON: ${(err as Error).message}`));
      body.focus();
      return;
    }
    const req = {
      kind: kind.value,
      to: [...to.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value),
      tlp: tlp.value,
      handling: Object.fromEntries(["act", "evidence", "re_share"].map((p) => [p, (document.getElementById(`handling-${p}`) as HTMLInputElement).checked])),
      body: parsed,
      confidential: confidential.value.split(",").map((x) => x.trim()).filter((x) => x !== ""),
    };
    replace(status, "Sending…");
    try {
      const made = await postJson<ExchangeRecord>("/v1/exchange/records", req);
      go(recordHref(made.id));
    } catch (err) {
      replace(status, errorBox(err));
    }
  });
  replace(out, form);
}

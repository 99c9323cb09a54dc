// Screen a substance: POST /v1/classify for the verdict per jurisdiction, and
// GET /v1/depict for the structure (fetched with the bearer token and shown as a data: URL
// image, which the CSP allows; the SVG is never put into the page as markup).
import { ApiError, postJson, request } from "../api";
import { badge, dl, h, replace, table, type Child } from "../dom";
import { label, num } from "../format";
import type { ClassifyRecord, ClassifyResponse, Flag } from "../types";
import type { Route } from "../router";
import { errorBox, pageHeader } from "./common";

const CATEGORY_TEXT: Record<string, string> = {
  drug: "controlled drug",
  precursor: "listed precursor",
  none: "not listed",
};

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

async function depiction(substance: string, name: string, at: string): Promise<HTMLElement> {
  const q = new URLSearchParams({ substance, width: "420", height: "300" });
  if (at) q.set("at", at);
  try {
    const res = await request("GET", `/v1/depict?${q}`, { accept: "image/svg+xml" });
    const blob = new Blob([await res.arrayBuffer()], { type: "image/svg+xml" });
    const url = await blobToDataUrl(blob);
    return h(
      "figure",
      { class: "depiction" },
      h("img", { src: url, alt: `Structure of ${name}`, width: 420, height: 300, id: "depiction-img" }),
      h("figcaption", {}, "Parent structure; atoms matched by a rule are highlighted."),
    );
  } catch (e) {
    return h("figure", { class: "depiction" }, h("p", { class: "muted" }, "No depiction: "), errorBox(e));
  }
}

function flagView(f: Flag): HTMLElement {
  return h(
    "li",
    { class: "flag" },
    h("p", {}, badge(f.type), " ", h("strong", {}, f.target), f.jurisdictions?.length ? ` (${f.jurisdictions.join(", ")})` : "",
      f.score !== undefined ? h("span", { class: "muted" }, ` score ${num(f.score)}`) : null),
    f.path?.length
      ? h("p", { class: "path" }, "Transform path: ", f.path.map((step, i) => [i ? " → " : "", h("code", {}, step)]), " → ", f.target)
      : null,
    f.explanation ? h("p", { class: "explanation" }, f.explanation) : null,
    f.nearest?.length
      ? h("p", { class: "muted" }, "Nearest listed: ", f.nearest.map((n) => `${n.name} ${num(n.score)}`).join("; "))
      : null,
  );
}

function recordView(rec: ClassifyRecord, at: string, retry: (s: string) => void): HTMLElement {
  if (!rec.ok) {
    const err = rec.error ?? { code: "error", message: "the input was not understood" };
    return h(
      "section",
      { class: "result", "aria-labelledby": "result-title" },
      h("h2", { id: "result-title" }, `“${rec.input}”: `, badge("error", "not understood")),
      h("div", { class: "problem", role: "alert" }, `${err.message} (${err.code})`),
      err.suggestions?.length
        ? h(
            "div",
            { class: "suggestions" },
            h("p", {}, "Did you mean:"),
            h("ul", { class: "inline" }, err.suggestions.map((sug) =>
              h("li", {}, h("button", { type: "button", class: "secondary", onclick: () => retry(sug) }, sug)))),
          )
        : null,
    );
  }
  const sub = rec.substance ?? {};
  const name = sub.name || rec.input;
  const statusRows: Child[][] = Object.entries(rec.status ?? {}).map(([j, st]) => [
    h("strong", {}, j),
    badge(st.category === "none" ? "clear" : st.category, CATEGORY_TEXT[st.category] ?? st.category),
    st.listing ?? "—",
    st.basis ? label(st.basis) + (st.modifications?.length ? ` ${st.modifications.join(" ")}` : "") : "—",
    st.citation ? h("span", { class: "citation" }, st.citation) : "—",
    st.effective ? h("time", { datetime: st.effective }, st.effective) : "—",
    st.explanation ?? "",
  ]);
  const flags = rec.flags ?? [];
  const removed = sub.removed ?? [];
  const result = h(
    "section",
    { class: "result", "aria-labelledby": "result-title" },
    h("h2", { id: "result-title" }, `${name}: `, badge(rec.verdict)),
    h(
      "div",
      { class: "result-top" },
      dl([
        ["Input", `${rec.input} (${label(rec.input_type)})`],
        ["Name", sub.name ?? ""],
        ["SMILES", sub.smiles ? h("code", { class: "wrap" }, sub.smiles) : ""],
        ["Formula", sub.formula ?? ""],
        ["InChIKey", sub.inchikey ? h("code", {}, sub.inchikey) : ""],
        ["Removed", removed.map((r) => `${r.name ?? r.smiles} (${r.role ?? "component"})`).join(", ")],
        ["Law as of", h("time", { datetime: at }, at)],
      ]),
      h("div", { id: "depiction-slot" }, h("p", { class: "loading", role: "status" }, "Loading the structure…")),
    ),
    table("Status by jurisdiction", ["Jurisdiction", "Status", "Listing", "Basis", "Citation", "Effective", "Why"], statusRows, "data status-table"),
    h("h3", {}, `Flags (${flags.length})`),
    flags.length ? h("ul", { class: "flags" }, flags.map(flagView)) : h("p", { class: "muted" }, "No flags."),
  );
  const slot = result.querySelector("#depiction-slot") as HTMLElement;
  void depiction(rec.input, name, at).then((fig) => replace(slot, fig));
  return result;
}

export function screenPage(main: HTMLElement, route: Route): void {
  const input = h("textarea", {
    id: "substance",
    name: "substance",
    rows: 2,
    required: true,
    spellcheck: "false",
    "aria-describedby": "substance-help",
  });
  const at = h("input", { id: "at", name: "at", type: "date" });
  const button = h("button", { type: "submit" }, "Screen");
  const out = h("div", { id: "screen-result", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card", id: "screen-form", novalidate: true },
    h("label", { for: "substance" }, "Substance"),
    input,
    h("p", { id: "substance-help", class: "help" }, "A SMILES string, CAS number or name, e.g. fentanyl, 990-73-8 or CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1. Press Enter to screen (Shift+Enter for a new line)."),
    h("div", { class: "row" },
      h("div", {}, h("label", { for: "at" }, "Law as of (optional)"), at),
      button),
  );
  const run = async (substance: string): Promise<void> => {
    button.disabled = true;
    replace(out, h("p", { class: "loading", role: "status" }, "Screening…"));
    try {
      const body: Record<string, string> = { substance };
      if (at.value) body.at = at.value;
      const r = await postJson<ClassifyResponse>("/v1/classify", body);
      const rec = r.results[0];
      replace(out, recordView(rec, r.at, (sug) => {
        input.value = sug;
        void run(sug);
      }));
      (out.querySelector("h2") as HTMLElement | null)?.setAttribute("tabindex", "-1");
    } catch (e) {
      replace(out, errorBox(e));
      if (e instanceof ApiError && e.field === "substance") input.focus();
    } finally {
      button.disabled = false;
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (!v) {
      replace(out, h("div", { class: "problem", role: "alert" }, "Enter a SMILES string, CAS number or name."));
      input.focus();
      return;
    }
    void run(v);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  replace(
    main,
    pageHeader("Screen a substance", "Control status in every loaded jurisdiction, with the legal citation and effective date, and flags for substances one step from a listed one."),
    form,
    out,
  );
  const q = route.query.get("q");
  if (q) {
    input.value = q;
    void run(q);
  }
}

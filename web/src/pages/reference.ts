// Lists and rulebooks: what the server screens against (GET /v1/rulebooks, GET /v1/lists).
import { getJson } from "../api";
import { h, replace, table } from "../dom";
import type { Route } from "../router";
import type { Lists, Rulebooks } from "../types";
import { errorBox, pageHeader } from "./common";

async function rulebooksSection(out: HTMLElement): Promise<void> {
  try {
    const r = await getJson<Rulebooks>("/v1/rulebooks");
    replace(
      out,
      h("p", {}, `${r.rulebooks.length} rulebooks, ${r.reference_substances} reference substances; order policy `, h("code", {}, r.policy), "."),
      table(null, ["Jurisdiction", "Version", "Entries", "Class rules", "Files"], r.rulebooks.map((b) => [
        h("strong", {}, b.jurisdiction), h("code", {}, b.version), String(b.entries), String(b.classes), h("span", { title: b.files.join("\n") }, b.files.map((f) => f.split("/").pop()).join(", ")),
      ]), "data rulebooks-table"),
      r.rulebooks.filter((b) => b.class_rules.length > 0).map((b) =>
        h("details", { class: "class-rules" },
          h("summary", {}, `${b.jurisdiction}: ${b.class_rules.length} class rules`),
          table(null, ["Rule", "Name", "Listing", "Citation", "Effective"], b.class_rules.map((c) => [
            h("code", {}, c.id), c.name, c.listing, h("span", { class: "citation" }, c.citation), h("time", { datetime: c.effective }, c.effective),
          ])))),
    );
  } catch (e) {
    replace(out, errorBox(e));
  }
}

async function listsSection(out: HTMLElement): Promise<void> {
  try {
    const l = await getJson<Lists>("/v1/lists");
    if (l.lists.length === 0) {
      replace(out, h("p", { class: "empty" }, "No screening lists are loaded (import one with chokepoint lists import, or start the server with --list)."));
      return;
    }
    replace(
      out,
      h("p", {}, `${l.lists.length} list${l.lists.length === 1 ? "" : "s"}, ${l.entities} entities in all.`),
      table(null, ["List", "Version", "Format", "Source", "Entities", "Names", "Addresses", "Identifiers", "Skipped"], l.lists.map((x) => [
        h("strong", {}, x.name), x.version || "—", x.format, h("span", { class: "wrap" }, x.source), String(x.entities), String(x.names),
        String(x.addresses), String(x.identifiers), String(x.skipped),
      ]), "data lists-table"),
    );
  } catch (e) {
    replace(out, errorBox(e));
  }
}

export async function referencePage(main: HTMLElement, _route: Route): Promise<void> {
  const rb = h("div", { id: "rulebooks" }, h("p", { class: "loading", role: "status" }, "Loading rulebooks…"));
  const ls = h("div", { id: "lists" }, h("p", { class: "loading", role: "status" }, "Loading lists…"));
  replace(main, pageHeader("Lists and rulebooks", "The legal data substances are classified against, and the sanctions and watch lists parties are screened against."),
    h("h2", {}, "Rulebooks"), rb, h("h2", {}, "Screening lists"), ls);
  await Promise.all([rulebooksSection(rb), listsSection(ls)]);
}

// Pieces several pages share.
import { describeError } from "../api";
import { h } from "../dom";

// A problem shown to the user: role=alert so it is announced.
export function errorBox(e: unknown): HTMLDivElement {
  return h("div", { class: "problem", role: "alert" }, describeError(e));
}

export function pageHeader(title: string, intro?: string): HTMLElement[] {
  const out: HTMLElement[] = [h("h1", {}, title)];
  if (intro) out.push(h("p", { class: "intro" }, intro));
  return out;
}

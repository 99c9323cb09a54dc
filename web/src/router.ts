// Hash routes: #/signin, #/screen, #/queue, #/orders/<id>, #/dashboard, #/reference, and the
// exchange: #/exchange?box=inbox|outbox, #/exchange-record/<id>, #/exchange-new, #/exchange-deliveries,
// #/exchange-dashboard.
// Each page renders into <main>; the page's <h1> takes focus so keyboard and screen-reader
// users land on the new content.

export interface Route {
  name: string;
  params: string[];
  query: URLSearchParams;
}

export type Page = (main: HTMLElement, route: Route) => Promise<void> | void;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : raw.slice(q + 1));
  const parts = path.split("/").filter((p) => p !== "").map((p) => decodeURIComponent(p));
  return { name: parts[0] ?? "", params: parts.slice(1), query };
}

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}

export function orderHref(id: string): string {
  return `#/orders/${encodeURIComponent(id)}`;
}

// Moves focus to the page heading after a render.
export function focusHeading(main: HTMLElement): void {
  const h1 = main.querySelector("h1");
  if (h1) {
    h1.setAttribute("tabindex", "-1");
    h1.focus();
  } else {
    main.focus();
  }
}

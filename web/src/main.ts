// Entry point: wires the header, the router and the pages.
import "./style.css";
import { getToken, principal, setUnauthorizedHandler, signOut } from "./api";
import { h, replace } from "./dom";
import { focusHeading, go, parseHash, type Page, type Route } from "./router";
import { signInPage } from "./pages/signin";
import { screenPage } from "./pages/screen";
import { queuePage } from "./pages/queue";
import { orderPage } from "./pages/order";
import { dashboardPage } from "./pages/dashboard";
import { referencePage } from "./pages/reference";
import { exchangeDashboardPage, exchangeDeliveriesPage, exchangeNewPage, exchangePage, exchangeRecordPage } from "./pages/exchange";

const PAGES: Record<string, { page: Page; title: string; nav?: string }> = {
  signin: { page: signInPage, title: "Sign in" },
  screen: { page: screenPage, title: "Screen a substance", nav: "screen" },
  queue: { page: queuePage, title: "Review queue", nav: "queue" },
  orders: { page: orderPage, title: "Order", nav: "queue" },
  dashboard: { page: dashboardPage, title: "Dashboard", nav: "dashboard" },
  reference: { page: referencePage, title: "Lists and rulebooks", nav: "reference" },
  exchange: { page: exchangePage, title: "Exchange", nav: "exchange" },
  "exchange-record": { page: exchangeRecordPage, title: "Exchange record", nav: "exchange" },
  "exchange-new": { page: exchangeNewPage, title: "New exchange record", nav: "exchange" },
  "exchange-deliveries": { page: exchangeDeliveriesPage, title: "Exchange deliveries", nav: "exchange" },
  "exchange-dashboard": { page: exchangeDashboardPage, title: "Responsiveness", nav: "exchange" },
};

const main = document.getElementById("main") as HTMLElement;
let renderSeq = 0;

function updateHeader(route: Route): void {
  const signedIn = getToken() !== null;
  const nav = document.getElementById("nav") as HTMLElement;
  const who = document.getElementById("who") as HTMLElement;
  nav.hidden = !signedIn;
  who.hidden = !signedIn;
  const p = principal();
  (document.getElementById("who-text") as HTMLElement).textContent = p
    ? `${p.org} · ${p.role}${p.user ? ` · ${p.user}` : ""}`
    : "";
  const current = PAGES[route.name]?.nav;
  for (const a of nav.querySelectorAll<HTMLAnchorElement>("a[data-route]")) {
    if (a.dataset.route === current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function render(): Promise<void> {
  // Only "#/…" hashes are routes (the skip link and in-page anchors are not).
  if (location.hash !== "" && !location.hash.startsWith("#/")) return;
  const route = parseHash(location.hash);
  if (!getToken() && route.name !== "signin") {
    const next = location.hash && location.hash !== "#/" ? `?next=${encodeURIComponent(location.hash)}` : "";
    go(`#/signin${next}`);
    return;
  }
  if (route.name === "" || !PAGES[route.name]) {
    go(getToken() ? "#/screen" : "#/signin");
    return;
  }
  const entry = PAGES[route.name];
  const seq = ++renderSeq;
  updateHeader(route);
  document.title = `${entry.title} · Chokepoint`;
  const container = h("div", { class: "page", "data-page": route.name });
  replace(main, container);
  const done = entry.page(container, route);
  // Focus the heading once it exists (pages write their <h1> first, synchronously).
  if (seq === renderSeq) focusHeading(main);
  await done;
}

setUnauthorizedHandler(() => {
  const here = location.hash.startsWith("#/signin") ? "" : location.hash;
  go(`#/signin?expired=1${here ? `&next=${encodeURIComponent(here)}` : ""}`);
});

document.getElementById("sign-out")?.addEventListener("click", () => {
  signOut();
  go("#/signin");
});

// The skip link must not change the hash (it is the router's).
document.querySelector(".skip-link")?.addEventListener("click", (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener("hashchange", () => void render());
void render();

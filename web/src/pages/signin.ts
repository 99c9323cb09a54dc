// Sign in with an API token (chokepoint admin create-token). The token is checked with
// GET /v1/me and kept in sessionStorage.
import { ApiError, getJson, setPrincipal, setToken, signOut, type Principal } from "../api";
import { h, replace } from "../dom";
import { go, type Route } from "../router";
import { errorBox, pageHeader } from "./common";

export function signInPage(main: HTMLElement, route: Route): void {
  const input = h("input", {
    id: "token",
    name: "token",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "aria-describedby": "token-help",
  });
  const status = h("div", { id: "signin-status", "aria-live": "polite" });
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "card narrow", "aria-labelledby": "signin-title", novalidate: true },
    h("label", { for: "token" }, "API token"),
    input,
    h(
      "p",
      { id: "token-help", class: "help" },
      "A token issued with ",
      h("code", {}, "chokepoint admin create-token"),
      ". It is kept in this browser tab only and sent with each request.",
    ),
    button,
    status,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      replace(status, h("div", { class: "problem", role: "alert" }, "Enter a token."));
      input.focus();
      return;
    }
    button.disabled = true;
    replace(status, h("p", { role: "status" }, "Checking the token…"));
    setToken(token);
    try {
      const me = await getJson<Principal>("/v1/me", { noRedirect: true });
      setPrincipal(me);
      const next = route.query.get("next");
      go(next && next.startsWith("#/") && !next.startsWith("#/signin") ? next : "#/screen");
    } catch (err) {
      signOut();
      button.disabled = false;
      replace(
        status,
        err instanceof ApiError && err.status === 401
          ? h("div", { class: "problem", role: "alert" }, `This token is not accepted: ${err.detail}`)
          : errorBox(err),
      );
      input.focus();
    }
  });
  const title = pageHeader("Sign in");
  title[0].id = "signin-title";
  replace(
    main,
    title,
    route.query.get("expired")
      ? h("div", { class: "problem", role: "alert" }, "Your session ended (the token was not accepted). Sign in again.")
      : null,
    form,
  );
}

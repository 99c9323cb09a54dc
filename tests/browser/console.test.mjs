// Browser test of the web console: a real `chokepoint serve` (temporary database, the example
// block list), the example orders screened through the API, and headless Chromium driven by
// playwright-core through sign-in (keyboard only), screening (keyboard only), the review queue
// and a disposition (checked through the API), the dashboard, lists and rulebooks, and the
// 401/403 paths. Screenshots: $CHOKEPOINT_ARTIFACTS/*.png. No sleeps: every wait is for a
// selector, a condition or a response.
//
// Environment (set by CTest, tests/browser/CMakeLists.txt): CHOKEPOINT_BIN, CHOKEPOINT_WEB_DIR,
// CHOKEPOINT_ARTIFACTS, CHOKEPOINT_NODE_MODULES; optional CHROMIUM (default /usr/bin/chromium).
// Run from the repository root.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { BIN, prepare, startServer, stepper } from "./harness.mjs";

const ORG = "Acme Chemicals";
const TIMEOUT = 30_000;
const { chromium, artifacts: ARTIFACTS, executablePath: CHROMIUM } = prepare("browser_console_test");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cp-browser-"));
const db = path.join(tmp, "cp.db");

function cli(...args) {
  return execFileSync(BIN, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function createToken(role, rateLimit) {
  const out = cli("admin", "create-token", "--db", db, "--org", ORG, "--role", role, "--label", `browser test ${role}`,
    "--format", "json", ...(rateLimit ? ["--rate-limit", rateLimit] : []));
  const j = JSON.parse(out);
  assert.match(j.token, /^cp_/);
  return j.token;
}

let base = "";
async function api(method, p, token, body) {
  const res = await fetch(base + p, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text, headers: res.headers };
}

// ---- the steps ---------------------------------------------------------------------------

let page;
const { step, failures } = stepper(ARTIFACTS, () => page);

async function shot(name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Presses Tab until the element matching `selector` has focus (keyboard-only navigation).
async function tabTo(selector, max = 30) {
  for (let i = 0; i < max; ++i) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function textOf(selector) {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, " ");
}

async function waitHash(prefix) {
  await page.waitForFunction((p) => location.hash.startsWith(p), prefix, { timeout: TIMEOUT });
}

cli("admin", "create-org", "--db", db, ORG);
const analyst = createToken("analyst");
const screener = createToken("screener");
// One request, then nothing for ~100 s: the second request is rate limited (429).
const limited = createToken("analyst", "0.01");
const srv = startServer(["--db", db, "--list", "data/examples/blocklist.jsonl"]);
let browser;
let exitCode = 0;
try {
  base = await srv.url;
  console.log(`server at ${base}`);

  const pageErrors = [];
  let queued = [];
  let screened = 0;
  let orderId = "";

  await step("screen the example orders through the API", async () => {
    const lines = fs.readFileSync("data/examples/orders.jsonl", "utf8").split("\n").filter((l) => l.trim());
    const decisions = {};
    for (const line of lines) {
      const r = await api("POST", "/v1/orders/screen", screener, line);
      assert.equal(r.status, 201, `screen ${line.slice(0, 40)}: ${r.text}`);
      decisions[r.json.decision] = (decisions[r.json.decision] ?? 0) + 1;
      ++screened;
    }
    console.log(`     decisions: ${JSON.stringify(decisions)}`);
    const open = await api("GET", "/v1/orders?status=open&limit=500", analyst);
    assert.equal(open.status, 200);
    queued = open.json.orders.map((o) => o.id);
    assert.ok(queued.length > 0, "the examples put no order on review or hold");
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  // CSP violations and script errors show up here; the console must have none.
  page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 40[13]|status of 429/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
  });

  await step("the console is served with its CSP and asks for a token", async () => {
    const res = await page.goto(`${base}/`);
    assert.equal(res.status(), 200);
    const csp = res.headers()["content-security-policy"] ?? "";
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    await waitHash("#/signin");
    await page.locator("h1", { hasText: "Sign in" }).waitFor();
    assert.equal(await page.locator("#nav").isHidden(), true, "navigation is hidden before sign-in");
  });

  await step("sign-in with the keyboard: a bad token is refused, a good one accepted", async () => {
    await tabTo("#token");
    await page.keyboard.type("cp_0000000000000000000000000000000000000000000000000000000000000000");
    await page.keyboard.press("Enter");
    await page.locator("#signin-status [role=alert]", { hasText: "not accepted" }).waitFor();
    await shot("00-signin-refused");
    // The field keeps focus after the error; replace its text by keyboard.
    assert.equal(await page.evaluate(() => document.activeElement?.id), "token");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(analyst);
    await page.keyboard.press("Enter");
    await waitHash("#/screen");
    await page.locator("h1", { hasText: "Screen a substance" }).waitFor();
    assert.match(await textOf("#who-text"), new RegExp(`${ORG} · analyst`));
    assert.equal(await page.evaluate(() => sessionStorage.getItem("chokepoint.token")), analyst);
    await shot("01-signed-in");
  });

  await step("screen fentanyl with the keyboard: US Schedule II, citation, date, depiction", async () => {
    await tabTo("#substance");
    await page.keyboard.type("fentanyl");
    const classify = page.waitForResponse((r) => r.url().endsWith("/v1/classify"));
    const depict = page.waitForResponse((r) => r.url().includes("/v1/depict?"));
    await page.keyboard.press("Enter");
    assert.equal((await classify).status(), 200);
    assert.equal((await depict).status(), 200);
    await page.locator("#result-title", { hasText: "fentanyl" }).waitFor();
    assert.match(await textOf("#result-title"), /controlled/);
    const us = page.locator("table.status-table tbody tr", { hasText: "US" }).first();
    const usText = (await us.innerText()).replace(/\s+/g, " ");
    assert.match(usText, /Schedule II/);
    assert.match(usText, /21 CFR 1308\.12/);
    assert.match(usText, /1971-05-01/);
    // The structure: an <img> from a data: URL (the CSP allows data: images), actually decoded.
    const img = page.locator("#depiction-img");
    await img.waitFor();
    assert.match(await img.getAttribute("src"), /^data:image\/svg\+xml;base64,/);
    await page.waitForFunction(() => {
      const i = document.querySelector("#depiction-img");
      return i && i.complete && i.naturalWidth > 0;
    });
    assert.match(await img.getAttribute("alt"), /Structure of fentanyl/);
    await shot("02-screen-fentanyl");
  });

  // Fentanyl is itself controlled everywhere, so it raises no flags; Boc-norfentanyl is one
  // deprotection from norfentanyl and shows masked-precursor flags with their transform paths.
  await step("screen Boc-norfentanyl: masked-precursor flags with transform paths", async () => {
    await page.fill("#substance", "CC(C)(C)OC(=O)N1CCC(N(C(=O)CC)c2ccccc2)CC1");
    const classify = page.waitForResponse((r) => r.url().endsWith("/v1/classify"));
    await page.keyboard.press("Enter");
    assert.equal((await classify).status(), 200);
    await page.locator("ul.flags li").first().waitFor();
    assert.match(await textOf("ul.flags"), /norfentanyl/);
    assert.match(await textOf("ul.flags"), /Transform path: .*→/);
    await shot("02b-screen-boc-norfentanyl");
  });

  await step("an unknown name shows the server's message and suggestions", async () => {
    await page.fill("#substance", "fentanil");
    await page.click("#screen-form button[type=submit]");
    await page.locator("#screen-result [role=alert]").waitFor();
    assert.match(await textOf("#screen-result"), /not understood/);
    const r = await api("POST", "/v1/classify", analyst, JSON.stringify({ substance: "fentanil" }));
    const err = r.json.results[0].error;
    assert.match(await textOf("#screen-result [role=alert]"), new RegExp(err.code));
    const shown = await page.locator("#screen-result .suggestions button").allInnerTexts();
    assert.ok(shown.length > 0, "no suggestions for fentanil");
    assert.deepEqual(shown, err.suggestions);
  });

  await step("review queue lists the open orders, most severe first", async () => {
    await page.click("nav >> text=Review queue");
    await waitHash("#/queue");
    await page.locator("table.queue-table").waitFor();
    const ids = await page.locator("table.queue-table a.order-link").allInnerTexts();
    assert.deepEqual([...ids].sort(), [...queued].sort());
    const decisions = await page.locator("table.queue-table tbody tr td:nth-child(4)").allInnerTexts();
    const rank = { block: 4, hold: 3, review: 2, clear: 1 };
    for (let i = 1; i < decisions.length; ++i)
      assert.ok(rank[decisions[i - 1].trim()] >= rank[decisions[i].trim()], `queue order: ${decisions}`);
    orderId = ids[0];
    await shot("03-queue");
  });

  await step("order detail: reasons by severity, items, parties, report download", async () => {
    await page.click(`table.queue-table a.order-link >> text="${orderId}"`);
    await waitHash("#/orders/");
    await page.locator("h1", { hasText: `Order ${orderId}` }).waitFor();
    await page.locator("ol.reasons").waitFor();
    const sev = await page.locator("ol.reasons > li > .badge:first-child").allInnerTexts();
    const rank = { critical: 4, high: 3, medium: 2, low: 1 };
    assert.ok(sev.length > 0);
    for (let i = 1; i < sev.length; ++i) assert.ok(rank[sev[i - 1]] >= rank[sev[i]], `reasons order: ${sev}`);
    await page.locator("table caption", { hasText: "Items" }).waitFor();
    await page.locator("table caption", { hasText: "Parties" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#report-json")]);
    const report = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
    assert.equal(report.order_id, orderId);
    assert.equal(report.report, "suspicious_order");
  });

  await step("a disposition needs a note, then is stored (checked through the API)", async () => {
    await page.check("#disp-confirm_hold");
    await page.click("#review-form button[type=submit]");
    await page.locator("#review-status [role=alert]", { hasText: "note is required" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "review-note");
    const note = "Browser test: buyer's end-use statement requested; hold until received.";
    await page.fill("#review-note", note);
    const posted = page.waitForResponse((r) => r.url().endsWith(`/v1/orders/${encodeURIComponent(orderId)}/review`));
    await page.click("#review-form button[type=submit]");
    assert.equal((await posted).status(), 201);
    await page.locator("#review-done", { hasText: "Recorded: confirm hold" }).waitFor();
    await page.locator("table.reviews-table", { hasText: note }).waitFor();
    await shot("04-order-disposition");
    const r = await api("GET", `/v1/orders/${encodeURIComponent(orderId)}`, analyst);
    assert.equal(r.status, 200);
    assert.equal(r.json.disposition, "confirm_hold");
    assert.equal(r.json.reviews.at(-1).note, note);
    assert.ok(r.json.history.some((h) => h.action === "order.review"), "no order.review in the history");
    const open = await api("GET", "/v1/orders?status=open&limit=500", analyst);
    assert.ok(!open.json.orders.some((o) => o.id === orderId), "the order is still in the queue");
  });

  await step("dashboard draws the charts as SVG", async () => {
    await page.click("nav >> text=Dashboard");
    await waitHash("#/dashboard");
    await page.selectOption("#days", "3660");
    const stats = page.waitForResponse((r) => r.url().includes("/v1/stats?days=3660"));
    await page.click("form.toolbar button[type=submit]");
    assert.equal((await stats).status(), 200);
    await page.locator("svg#chart-over-time").waitFor();
    assert.ok((await page.locator("svg#chart-over-time rect.bar").count()) > 0, "no bars over time");
    assert.ok((await page.locator("svg#chart-rules rect.bar").count()) > 0, "no red-flag bars");
    assert.ok((await page.locator("svg#chart-destinations rect.bar").count()) > 0, "no destination bars");
    const total = await page.locator(".totals li").first().innerText();
    assert.match(total, /^\d+ orders/);
    assert.equal(Number(total.split(" ")[0]), screened, "the dashboard counts every screened order");
    await shot("05-dashboard");
  });

  await step("lists and rulebooks", async () => {
    await page.click("nav >> text=Lists and rulebooks");
    await waitHash("#/reference");
    await page.locator("table.rulebooks-table").waitFor();
    const js = await page.locator("table.rulebooks-table tbody tr td:first-child").allInnerTexts();
    for (const j of ["US", "CN", "UN"]) assert.ok(js.includes(j), `rulebook ${j} missing: ${js}`);
    await page.locator("table.lists-table").waitFor();
    assert.ok((await page.locator("table.lists-table tbody tr").count()) >= 1);
    await shot("06-lists-rulebooks");
  });

  await step("a token the server stops accepting (401) sends the user back to sign-in", async () => {
    await page.evaluate(() => sessionStorage.setItem("chokepoint.token", "cp_" + "1".repeat(64)));
    await page.click("nav >> text=Dashboard");
    await waitHash("#/signin");
    await page.locator("[role=alert]", { hasText: "session ended" }).waitFor();
  });

  await step("a screener may not read the queue (403 is explained)", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${base}/#/queue`);
    await p.locator("#token").fill(screener);
    await p.locator("#token").press("Enter");
    await p.waitForFunction(() => location.hash.startsWith("#/queue"));
    await p.locator("#queue-result [role=alert]", { hasText: "may not do this" }).waitFor();
    assert.match(await p.locator("#queue-result").innerText(), /screener/);
    await p.screenshot({ path: path.join(ARTIFACTS, "07-screener-forbidden.png"), fullPage: true });
    await ctx.close();
  });

  await step("a rate-limited token (429) is told when to retry", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const p = await ctx.newPage();
    await p.goto(`${base}/#/reference`);
    await p.locator("#token").fill(limited);
    await p.locator("#token").press("Enter");  // GET /v1/me uses the one request
    await p.waitForFunction(() => location.hash.startsWith("#/reference"));
    const alert = p.locator("#rulebooks [role=alert]");
    await alert.waitFor();
    assert.match(await alert.innerText(), /Too many requests: .*Try again in \d+ s\./);
    await ctx.close();
  });

  await step("no script errors or CSP violations in the console", async () => {
    assert.deepEqual(pageErrors, []);
  });
} catch (e) {
  exitCode = 1;
  if (!failures.length) console.error(e);
} finally {
  if (browser) await browser.close().catch(() => {});
  srv.child.kill("SIGTERM");
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (exitCode) console.error(`browser_console_test: FAILED (${failures.join(", ") || "setup"}); screenshots in ${ARTIFACTS}`);
else console.log(`browser_console_test: all steps passed; screenshots in ${ARTIFACTS}`);
process.exit(exitCode);

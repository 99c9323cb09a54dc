// Browser test of the exchange's console pages: two real `chokepoint serve` nodes (CN and US,
// temporary databases) exchanging a notification and a lead, and headless Chromium driven by
// playwright-core through the US inbox, a record with its timeline and the event form (the
// lead worked to an outcome, checked on CN through the API), the withheld business secret for
// an auditor, then CN's outbox, deliveries and responsiveness dashboard (charts per partner and
// quarter). Screenshots: $CHOKEPOINT_ARTIFACTS/exchange/*.png. No sleeps: every wait is for a
// selector, a response or a polled condition.
//
// Environment as for console.test.mjs (tests/browser/CMakeLists.txt). Run from the repository root.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { BIN, prepare, startServer, stepper } from "./harness.mjs";

const TIMEOUT = 30_000;
const SECRET = "EXPORT-AUTH-SECRET-4711";
const { chromium, artifacts: ARTIFACTS, executablePath: CHROMIUM } = prepare("browser_exchange_test", "exchange");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cp-browser-exchange-"));

const cli = (...args) => execFileSync(BIN, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const nodes = {};
for (const code of ["CN", "US"]) {
  const db = path.join(tmp, `${code}.db`);
  const org = `${code} authority`;
  cli("admin", "create-org", "--db", db, org);
  const token = (role) => JSON.parse(cli("admin", "create-token", "--db", db, "--org", org, "--role", role, "--format", "json", "--rate-limit", "1000")).token;
  const key = JSON.parse(cli("exchange", "init", "--db", db, "--authority", code)).public_key;
  nodes[code] = { db, analyst: token("analyst"), auditor: token("auditor"), key, srv: startServer(["--db", db, "--list", "data/examples/blocklist.jsonl", "--lists-dir", path.join(tmp, "lists")]) };
}

async function api(code, method, p, body, role = "analyst") {
  const res = await fetch(nodes[code].base + p, {
    method,
    headers: { Authorization: `Bearer ${nodes[code][role]}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}

// Polls `fn` until it returns true (deliveries between nodes are asynchronous).
async function until(what, fn) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

let browser;
let page;
const pageErrors = [];
const { step, failures } = stepper(ARTIFACTS, () => page);
const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

async function newPage(code, role) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  ctx.setDefaultTimeout(TIMEOUT);
  const p = await ctx.newPage();
  p.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
  p.on("console", (m) => {
    if (m.type() === "error" && !/status of 40[0139]/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
  });
  await p.goto(`${nodes[code].base}/#/exchange?box=inbox`);
  await p.locator("#token").fill(nodes[code][role]);
  await p.locator("#token").press("Enter");
  await p.waitForFunction(() => location.hash.startsWith("#/exchange"));
  return p;
}

let exitCode = 0;
let leadId = "";
let notifId = "";
try {
  for (const code of ["CN", "US"]) nodes[code].base = await nodes[code].srv.url;
  for (const [a, b] of [["CN", "US"], ["US", "CN"]])
    cli("exchange", "peer", "add", "--db", nodes[a].db, "--authority", b, "--url", nodes[b].base, "--key", nodes[b].key);

  await step("CN sends a notification and a lead to US (API)", async () => {
    const n = await api("CN", "POST", "/v1/exchange/records", {
      kind: "notification", to: ["US"], tlp: "green", confidential: ["export_authorization"],
      body: { exporter: { name: "Hebei Example Chemical Co", country: "CN" }, importer: "Pacific Example Labs",
        consignee: "Pacific Example Labs", substance: "4-anilinopiperidine", quantity_kg: 25, point_of_entry: "Port of Long Beach",
        dispatch_date: "2026-12-20", hs_code: "2933.39", export_authorization: SECRET, reply_deadline: "2099-12-31" },
    });
    assert.equal(n.status, 201, n.text);
    notifId = n.json.id;
    const l = await api("CN", "POST", "/v1/exchange/records", {
      kind: "lead", to: ["US"], tlp: "amber",
      body: { subjects: { parties: ["Example Pharma Trading"], emails: ["sales@example-pharma.example"] },
        substances: ["4-anilinopiperidine"], evidence_summary: "repeated 4-AP orders paid in crypto" },
    });
    assert.equal(l.status, 201, l.text);
    leadId = l.json.id;
    await until("both records on US", async () => (await api("US", "GET", "/v1/exchange/records?box=inbox")).json?.total === 2);
  });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });

  await step("US inbox lists both records with kind, sender, TLP and state", async () => {
    page = await newPage("US", "analyst");
    await page.locator("table.exchange-table").waitFor();
    const ids = await page.locator("table.exchange-table a.record-link").allInnerTexts();
    assert.deepEqual([...ids].sort(), [leadId, notifId].sort());
    const text = await page.locator("table.exchange-table").innerText();
    assert.match(text, /TLP:AMBER/);
    assert.match(text, /TLP:GREEN/);
    assert.match(text, /delivered/);
    assert.equal(await page.locator("nav#nav a[data-route=exchange]").getAttribute("aria-current"), "page");
    await shot("01-us-inbox");
  });

  await step("US works the lead from the record page: acknowledge, action taken, outcome", async () => {
    await page.click(`a.record-link >> text="${leadId}"`);
    await page.waitForFunction(() => location.hash.startsWith("#/exchange-record/"));
    await page.locator("#timeline li[data-type=created]").waitFor();
    const post = async (type, fill) => {
      await page.selectOption("#event-type", type);
      if (fill) await fill();
      const res = page.waitForResponse((r) => r.url().endsWith("/events") && r.request().method() === "POST");
      await page.click("#event-form button[type=submit]");
      assert.equal((await res).status(), 201);
      await page.locator(`#timeline li[data-type=${type}]`).waitFor();
    };
    await post("acknowledge");
    await post("action_taken", () => page.selectOption("#event-action", "investigation"));
    await post("outcome", async () => {
      await page.fill("#outcome-arrests", "2");
      await page.fill("#outcome-prosecutions", "1");
      await page.fill("#outcome-seized_kg", "12.5");
    });
    assert.match(await page.locator("#timeline").innerText(), /2 arrests, 1 prosecutions, 0 convictions, 12\.50 kg seized/);
    await shot("02-us-lead-timeline");
    await until("CN sees US's outcome", async () => (await api("CN", "GET", `/v1/exchange/records/${leadId}`)).json?.states?.US === "outcome");
  });

  await step("the event form offers only what the state allows; the API refuses the rest (409 + allowed)", async () => {
    const r = await api("US", "POST", `/v1/exchange/records/${leadId}/events`, { type: "acknowledge" });
    assert.equal(r.status, 409);
    assert.deepEqual(r.json.allowed, ["close", "outcome"]);
    const offered = await page.locator("#event-type option").allInnerTexts();
    assert.deepEqual(offered.sort(), ["close", "outcome"]);
  });

  await step("the notification shows its classification; the analyst sees the business secret", async () => {
    await page.goto(`${nodes.US.base}/#/exchange-record/${encodeURIComponent(notifId)}`);
    await page.locator("table.classification-table").waitFor();
    assert.match(await page.locator("table.classification-table").innerText(), /4-anilinopiperidine/);
    assert.match(await page.locator("table.body-table").innerText(), new RegExp(SECRET));
    await page.locator("table.receipts-table").waitFor();
    await shot("03-us-notification");
  });

  await step("an auditor reads the record with the business secret withheld, and cannot record events", async () => {
    const p = await newPage("US", "auditor");
    await p.goto(`${nodes.US.base}/#/exchange-record/${encodeURIComponent(notifId)}`);
    await p.locator("#withheld-note").waitFor();
    const text = await p.locator("main").innerText();
    assert.ok(!text.includes(SECRET), "the secret is shown to an auditor");
    assert.match(text, /withheld: business confidential/);
    await p.locator("#no-events").waitFor();
    await p.screenshot({ path: path.join(ARTIFACTS, "04-us-auditor-withheld.png"), fullPage: true });
    await p.context().close();
  });

  await step("CN outbox shows where each recipient stands; deliveries are confirmed", async () => {
    const p = await newPage("CN", "analyst");
    page = p;
    await p.click(".subnav >> text=Outbox");
    await p.waitForFunction(() => location.hash.startsWith("#/exchange?box=outbox"));
    await p.locator("table.exchange-table").waitFor();
    assert.match(await p.locator("table.exchange-table").innerText(), /US: outcome/);
    await shot("05-cn-outbox");
    await p.click(".subnav >> text=Deliveries");
    await p.locator("table.deliveries-table").waitFor();
    const states = await p.locator("table.deliveries-table tbody tr td:nth-child(5)").allInnerTexts();
    assert.ok(states.length >= 2 && states.every((s) => s.trim() === "delivered"), `deliveries: ${states}`);
  });

  await step("CN sends an incident from the console: bad JSON and a server refusal are explained, then it arrives on US", async () => {
    await page.click(".subnav >> text=New record");
    await page.locator("#new-form").waitFor();
    await page.selectOption("#new-kind", "incident");
    await page.check("#to-US");
    await page.selectOption("#new-tlp", "red");
    await page.fill("#new-body", "{ not json");
    await page.click("#new-form button[type=submit]");
    await page.locator("#new-status [role=alert]", { hasText: "not valid JSON" }).waitFor();
    // The template's placeholder date is refused by the server, field named.
    await page.selectOption("#new-kind", "incident");
    await page.click("#new-form button[type=submit]");
    await page.locator("#new-status [role=alert]", { hasText: "body.date: must be a date YYYY-MM-DD" }).waitFor();
    await page.fill("#new-body", JSON.stringify({ incident_type: "stopped_shipment", date: "2026-11-30",
      substances: [{ substance: "N-phenethyl-4-piperidone", quantity_kg: 40 }], route: ["CN", "MX", "US"],
      modus_operandi: "declared as dye intermediates" }));
    await page.fill("#new-confidential", "modus_operandi");
    await shot("07-cn-new-incident");
    const created = page.waitForResponse((r) => r.url().endsWith("/v1/exchange/records") && r.request().method() === "POST");
    await page.click("#new-form button[type=submit]");
    const res = await created;
    assert.equal(res.status(), 201);
    const id = (await res.json()).id;
    await page.waitForFunction((i) => location.hash === `#/exchange-record/${encodeURIComponent(i)}`, id);
    await page.locator("h1", { hasText: id }).waitFor();
    await until("the incident on US", async () => (await api("US", "GET", `/v1/exchange/records/${id}`)).json?.tlp === "red");
    const onUs = (await api("US", "GET", `/v1/exchange/records/${id}`, null, "auditor")).json;
    assert.equal(onUs.kind, "incident");
    assert.deepEqual(onUs.confidential, ["modus_operandi"]);
    assert.ok(!JSON.stringify(onUs).includes("dye intermediates"), "the confidential field reached the auditor");
  });

  await step("CN's responsiveness dashboard charts US per quarter", async () => {
    const ind = page.waitForResponse((r) => r.url().includes("/v1/exchange/indicators"));
    await page.click(".subnav >> text=Responsiveness");
    assert.equal((await ind).status(), 200);
    await page.locator("section.partner[data-partner=US]").waitFor();
    assert.ok((await page.locator("svg#chart-leads-US rect.bar").count()) > 0, "no lead bars");
    assert.ok((await page.locator("svg#chart-outcomes-US rect.bar").count()) > 0, "no outcome bars");
    assert.ok((await page.locator("svg#chart-notifications-US rect.bar").count()) > 0, "no notification bars");
    const figures = await page.locator("section.partner[data-partner=US] table.figures-table").innerText();
    assert.match(figures, /arrests \/ prosecutions \/ convictions\s+2 \/ 1 \/ 0/);
    assert.match(figures, /acted on\s+1 \(100 %\)/);
    const api_ = await api("CN", "GET", "/v1/exchange/indicators?partner=US");
    const quarter = api_.json.partners[0].quarters.at(-1).quarter;
    assert.match(await page.locator("svg#chart-leads-US").innerHTML(), new RegExp(quarter));
    await shot("06-cn-responsiveness");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#indicators-csv")]);
    const csv = fs.readFileSync(await download.path(), "utf8").split("\n");
    assert.match(csv[0], /^partner,period,direction,notifications,/);
    assert.ok(csv.some((l) => l.startsWith("US,all,sent,1,1,0,0,1,,1,1,1,1,100,0,")), csv.join("\n"));
  });

  await step("no script errors or CSP violations", async () => {
    assert.deepEqual(pageErrors, []);
  });
} catch (e) {
  exitCode = 1;
  if (!failures.length) console.error(e);
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const n of Object.values(nodes)) n.srv.child.kill("SIGTERM");
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (exitCode) console.error(`browser_exchange_test: FAILED (${failures.join(", ") || "setup"}); screenshots in ${ARTIFACTS}`);
else console.log(`browser_exchange_test: all steps passed; screenshots in ${ARTIFACTS}`);
process.exit(exitCode);

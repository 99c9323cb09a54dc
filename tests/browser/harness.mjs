// What every browser test of the console needs: its preconditions checked with what to do about
// a missing piece, `chokepoint serve` started on a free port, and named steps that screenshot a
// failure. Paths come from CTest's environment (tests/browser/CMakeLists.txt).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const BIN = process.env.CHOKEPOINT_BIN ?? "build/chokepoint";
export const WEB_DIR = process.env.CHOKEPOINT_WEB_DIR ?? path.join(path.dirname(BIN), "web");
const NODE_MODULES = process.env.CHOKEPOINT_NODE_MODULES ?? path.resolve("web/node_modules");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

// Checks the preconditions (a missing piece fails the test with what to do about it) and
// empties `subdir` of the artifacts folder of an earlier run's screenshots. Returns playwright's
// chromium, the artifacts folder and `die`.
export function prepare(testName, subdir = "") {
  const die = (message) => {
    console.error(`${testName}: ${message}`);
    process.exit(1);
  };
  if (!fs.existsSync(CHROMIUM)) die(`${CHROMIUM} is not installed; run scripts/setup-debian.sh (installs chromium)`);
  if (!fs.existsSync(BIN)) die(`${BIN} does not exist; build first (make build)`);
  if (!fs.existsSync(path.join(WEB_DIR, "index.html")))
    die(`the web console is not built (${WEB_DIR}/index.html missing); it needs npm: run make build`);
  let chromium;
  try {
    chromium = createRequire(path.join(NODE_MODULES, "..", "package.json"))("playwright-core").chromium;
  } catch (e) {
    die(`playwright-core is not installed in ${NODE_MODULES} (make build runs npm ci): ${e.message}`);
  }
  const artifacts = path.join(
    process.env.CHOKEPOINT_ARTIFACTS ?? path.join(path.dirname(BIN), "test-artifacts", "browser"), subdir);
  fs.mkdirSync(artifacts, { recursive: true });
  // Screenshots of an earlier run must not be mistaken for this one's.
  for (const f of fs.readdirSync(artifacts)) if (f.endsWith(".png")) fs.rmSync(path.join(artifacts, f));
  return { chromium, artifacts, die, executablePath: CHROMIUM };
}

// Starts `chokepoint serve` with `args` on a free loopback port; `url` resolves with its base URL
// once it says it listens.
export function startServer(args) {
  const child = spawn(BIN, ["serve", "--listen", "127.0.0.1:0", "--web", WEB_DIR, "--threads", "4", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${log}`)), 120_000);
    child.stderr.on("data", (d) => {
      log += d.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
  return { child, url, log: () => log };
}

// Named steps: each prints ok/FAIL with its time; a failure is recorded, screenshotted from
// `currentPage()` and rethrown.
export function stepper(artifacts, currentPage) {
  const failures = [];
  async function step(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failures.push(name);
      console.log(`FAIL ${name}: ${e.stack ?? e}`);
      const page = currentPage();
      if (page)
        await page
          .screenshot({ path: path.join(artifacts, `FAILED-${name.replace(/\W+/g, "-")}.png`), fullPage: true })
          .catch(() => {});
      throw e;
    }
  }
  return { step, failures };
}

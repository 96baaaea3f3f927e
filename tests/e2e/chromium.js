// What the browser tests share: Debian's Chromium as playwright-core launches it here, and
// reading `--name value` options.
"use strict";

const { chromium } = require("playwright-core");

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

// playwright gives the browser a new, empty profile of its own each launch.
function launchChromium(executablePath) {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

// Run `body(browser)` in a fresh Chromium (`--chromium PATH`, Debian's by default), then print
// `report` as one JSON line on stdout and exit 1 when it holds errors (a failure inside `body`
// is one).
async function reportFromChromium(report, body) {
  const browser = await launchChromium(option("chromium", "/usr/bin/chromium"));
  try {
    await body(browser);
  } catch (error) {
    report.errors.push(`failed: ${error && error.stack ? error.stack : error}`);
  } finally {
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.errors.length ? 1 : 0;
}

module.exports = { CHROMIUM_FLAGS, launchChromium, option, reportFromChromium };

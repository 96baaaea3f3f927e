// The simulator's screen panel in headless Chromium (Debian's, driven by playwright-core): each
// moment of a routine (a hold counting, paused by a touch, the side to come waiting, the week)
// on an Echo Show and on an Echo Spot, a screenshot of each; and a speaker, which shows none.
//
//   node tests/e2e/screen_browser.js --url http://127.0.0.1:PORT --out test-artifacts
//
// Prints one JSON report on stdout; exits 1 when something on screen is wrong.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { option, reportFromChromium } = require("./chromium");

const WAIT_MS = 20000; // one turn, breaks compressed: a few seconds at most
const report = { devices: {}, errors: [], consoleErrors: [], screenshots: [] };

function expect(condition, message) {
  if (!condition) report.errors.push(message);
}

async function main() {
  const [url, out] = [option("url"), option("out", "test-artifacts")];
  fs.mkdirSync(out, { recursive: true });
  await reportFromChromium(report, async (browser) => {
    for (const device of ["show", "spot", "speaker"]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on("console", (m) => m.type() === "error" && report.consoleErrors.push(m.text()));
      page.on("pageerror", (error) => report.consoleErrors.push(String(error)));
      await page.goto(`${url}/?speed=50&voice=off&device=${device}`);
      const seen = (report.devices[device] = {});
      const frame = page.locator("#screen-frame");
      const moment = () => frame.getAttribute("data-moment");
      const idle = () =>
        page.waitForFunction(
          () => ["listening", "ended", "error"].includes(document.getElementById("status").dataset.state),
          null,
          { timeout: WAIT_MS },
        );
      const shot = async (name) => {
        const file = path.join(out, `screen-${device}-${name}.png`);
        await frame.screenshot({ path: file });
        report.screenshots.push(file);
      };
      const say = async (phrase) => {
        await page.fill("#say", phrase);
        await page.press("#say", "Enter");
      };

      await say("start my back stretches");
      if (device === "speaker") {
        await idle();
        seen.panelHidden = await page.locator("#screen-panel").isHidden();
        expect(seen.panelHidden, "a speaker shows a screen");
        await page.close();
        continue;
      }
      // The hold, counting: slowed down to see it mid-way.
      await page.waitForFunction(() => document.getElementById("screen-frame").dataset.moment === "counting", null, {
        timeout: WAIT_MS,
      });
      await page.selectOption("#speed", "5");
      await page.waitForFunction(
        () => {
          const left = Number(document.getElementById("screen-frame").dataset.left);
          return left > 3 && left < 25;
        },
        null,
        { timeout: WAIT_MS },
      );
      seen.left = Number(await frame.getAttribute("data-left"));
      seen.title = await frame.locator(".title").innerText();
      seen.pose = await frame.locator(".pose svg path").count();
      await shot("hold");
      // Paused by a touch: the count stops where it stands.
      await frame.locator(".touch.pause").click();
      await page.waitForFunction(() => document.getElementById("screen-frame").dataset.moment === "paused", null, {
        timeout: WAIT_MS,
      });
      await idle();
      const pausedAt = Number(await frame.getAttribute("data-left"));
      await page.waitForTimeout(300);
      seen.pausedStays = Number(await frame.getAttribute("data-left")) === pausedAt;
      seen.heardTouch = await page.locator("#log li.note.heard").last().innerText();
      await shot("paused");
      await page.selectOption("#speed", "50");
      // Resumed by a touch, heard out, then a question: the side to come, waiting.
      await frame.locator(".touch.resume").click();
      await idle();
      await say("why does this help");
      await idle();
      seen.waiting = await moment();
      seen.waitingSide = await frame.locator(".sub").innerText();
      await shot("waiting");
      // Next, by a touch: the routine moves on.
      await frame.locator(".touch.next").click();
      await idle();
      seen.nextSide = await frame.locator(".sub").innerText();
      await say("ask my back stretches how did I do this week");
      await idle();
      seen.week = await moment();
      seen.days = await frame.locator(".day").count();
      await shot("week");

      expect(seen.title === "Kneeling hip flexor", `${device}: title ${seen.title}`);
      expect(seen.left > 3 && seen.left < 25, `${device}: countdown showed ${seen.left}`);
      expect(seen.pose > 3, `${device}: the pose has ${seen.pose} paths`);
      expect(seen.pausedStays, `${device}: the paused count moved`);
      expect(seen.heardTouch.includes("AMAZON.PauseIntent"), `${device}: the touch was heard as ${seen.heardTouch}`);
      expect(seen.waiting === "waiting", `${device}: after a question the screen was ${seen.waiting}`);
      // Touching next coaches the side that was waiting (the simulator dates each request
      // after the speech before it, so every hold here is heard out).
      expect(seen.nextSide === seen.waitingSide, `${device}: waiting ${seen.waitingSide}, next ${seen.nextSide}`);
      expect(seen.week === "week" && seen.days === 7, `${device}: the week showed ${seen.days} days`);
      await page.close();
    }
    expect(report.consoleErrors.length === 0, "the page logged errors");
  });
}

main();

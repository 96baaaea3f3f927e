// The simulator page in headless Chromium (Debian's, driven by playwright-core): a whole
// routine and a weekly summary, clicked through as a person would, then a screenshot.
//
//   node tests/e2e/browser.js --url http://127.0.0.1:PORT --screenshot test-artifacts/simulator.png
//
// Prints one JSON report on stdout; exits 1 when the conversation breaks.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { option, reportFromChromium } = require("./chromium");

const TURN_TIMEOUT_MS = 20000; // one turn, breaks compressed: a few seconds at most

// "2 min 9 s holding" -> 129
function secondsHolding(stats) {
  const held = /(?:(\d+) min)?\s*(?:(\d+) s)? holding/.exec(stats) || [];
  return Number(held[1] || 0) * 60 + Number(held[2] || 0);
}

async function main() {
  const url = option("url");
  const screenshot = option("screenshot", "test-artifacts/simulator.png");
  const speed = option("speed", "50");
  const report = { turns: [], errors: [], consoleErrors: [] };
  await reportFromChromium(report, async (browser) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") report.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => report.consoleErrors.push(String(error)));
    await page.goto(`${url}/?speed=${speed}&voice=off`);
    report.title = await page.title();

    // Say one phrase by clicking its suggestion (or typing it); wait until Alexa is done.
    async function say(phrase, { type = false } = {}) {
      const started = Date.now();
      const before = await page.locator("#log li.alexa").count();
      if (type) {
        await page.fill("#say", phrase);
        await page.press("#say", "Enter");
      } else {
        await page.click(`#suggestions button[data-phrase="${phrase}"]`);
      }
      await page.waitForFunction(
        () => ["listening", "ended", "error"].includes(document.getElementById("status").dataset.state),
        null,
        { timeout: TURN_TIMEOUT_MS },
      );
      const status = await page.getAttribute("#status", "data-state");
      const alexa = await page.locator("#log li.alexa .bubble").allInnerTexts();
      const heard = await page.locator("#log li.note.heard").last().innerText();
      const turn = {
        phrase,
        status,
        heard,
        said: alexa.slice(before).join(" "),
        parts: alexa.length - before,
        holdsCounted: Number(await page.getAttribute("body", "data-holds-counted")),
        ms: Date.now() - started,
      };
      report.turns.push(turn);
      return turn;
    }

    const expect = (condition, message) => {
      if (!condition) report.errors.push(message);
    };

    let turn = await say("start my back stretches");
    expect(turn.status === "listening", `launch left the page ${turn.status}`);
    expect(turn.heard.includes("LaunchRequest"), `launch was heard as ${turn.heard}`);
    expect(turn.said.includes("Welcome to Back Stretch Coach"), "no welcome");
    expect(turn.parts >= 2, `the hold came in ${turn.parts} part(s), not progressive ones`);
    expect(turn.holdsCounted === 1, `holds counted after launch: ${turn.holdsCounted}`);

    turn = await say("why does this help");
    expect(turn.said.includes("hip flexors"), "why did not explain the hip flexors");

    turn = await say("next");
    expect(turn.said.includes("Kneel on your right knee"), "next did not coach the right side");
    // "do that side again" (typed: "repeat that" repeats words, never a hold), slowed down
    // once its hold starts, to see the countdown mid-hold.
    const ticksBefore = Number(await page.getAttribute("body", "data-hold-ticks"));
    await page.fill("#say", "do that side again");
    await page.press("#say", "Enter");
    await page.waitForSelector("#hold:not([hidden])", { timeout: TURN_TIMEOUT_MS });
    await page.selectOption("#speed", "5");
    await page.waitForFunction(
      (before) => Number(document.body.dataset.holdTicks) >= before + 12,
      ticksBefore,
      { timeout: TURN_TIMEOUT_MS },
    );
    report.holdShown = Number(await page.locator("#hold-seconds").innerText());
    expect(report.holdShown > 0 && report.holdShown < 30, `countdown showed ${report.holdShown}`);
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    const holdShot = screenshot.replace(/\.png$/, "-hold.png");
    await page.screenshot({ path: holdShot });
    report.holdScreenshot = holdShot;
    await page.selectOption("#speed", speed);
    await page.waitForFunction(
      () => document.getElementById("status").dataset.state === "listening",
      null,
      { timeout: TURN_TIMEOUT_MS },
    );
    turn = {
      phrase: "do that side again",
      said: (await page.locator("#log li.alexa .bubble").allInnerTexts()).slice(-2).join(" "),
    };
    report.turns.push(turn);
    expect(turn.said.includes("Kneel on your right knee"), "the right side was not done again");
    turn = await say("next");
    expect(turn.said.includes("lat stretch"), "next did not reach the lat stretch");
    turn = await say("next", { type: true });
    // The last hold keeps the session open (a cut into it still reaches the skill)...
    expect(turn.status === "listening", `the last hold left the page ${turn.status}`);
    expect(turn.said.includes("That's the whole routine"), "the routine did not finish");
    expect(turn.holdsCounted === 5, `holds counted in the routine: ${turn.holdsCounted}`);
    // ...and "no" to hearing the week closes it.
    turn = await say("no");
    expect(turn.status === "ended", `the routine's end left the page ${turn.status}`);
    const ticks = Number(await page.getAttribute("body", "data-hold-ticks"));
    // The countdown steps through each hold's silences; its spoken marks fill the rest.
    expect(ticks >= 5 * 25 && ticks <= 5 * 30, `countdown steps over five 30 s holds: ${ticks}`);

    turn = await say("ask my back stretches how did I do this week");
    expect(turn.heard.includes("WeeklySummaryIntent"), `summary was heard as ${turn.heard}`);
    expect(turn.said.includes("today"), "the summary did not mention today");
    const chart = {
      days: await page.locator("#chart .day").count(),
      stretched: await page.locator("#chart .day.stretched").count(),
      todayStretched: await page.locator("#chart .day.today.stretched").count(),
      stats: await page.locator("#week-stats").innerText(),
    };
    report.chart = chart;
    expect(chart.days === 7, `the chart has ${chart.days} days`);
    expect(chart.stretched === 1 && chart.todayStretched === 1, "today is not the day stretched");
    expect(chart.stats.includes("1 full routine"), `chart stats: ${chart.stats}`);
    // At 50x speed the simulator's requests come sooner than the speech would end, so the
    // skill takes the last holds as cut short: some minutes held, not exactly 2 min 30 s.
    expect(/\d min/.test(chart.stats), `chart stats: ${chart.stats}`);

    // Cut into a hold, as "Alexa, pause" does on a device: the button pressed 8 s into the
    // count stops the page there, and the request is stamped then, so the skill stores only
    // the seconds held.
    const heldBefore = secondsHolding(chart.stats);
    const countedBefore = Number(await page.getAttribute("body", "data-holds-counted"));
    await page.selectOption("#speed", "20"); // slow enough to switch to 5x as the count begins
    await page.click('#suggestions button[data-phrase="start my back stretches"]');
    await page.waitForSelector("#hold:not([hidden])", { timeout: TURN_TIMEOUT_MS });
    await page.selectOption("#speed", "5");
    const cutTicks = Number(await page.getAttribute("body", "data-hold-ticks"));
    await page.waitForFunction(
      (before) => Number(document.body.dataset.holdTicks) >= before + 8,
      cutTicks,
      { timeout: TURN_TIMEOUT_MS },
    );
    turn = await say("pause");
    report.cutIn = turn.heard;
    const cutAt = Number((/cut in ([\d.]+) s into the answer/.exec(turn.heard) || [])[1]);
    expect(cutAt > 0, `the pause was not sent as a cut-in: ${turn.heard}`);
    expect(turn.holdsCounted === countedBefore, "the page went on counting the hold it cut");
    await page.selectOption("#speed", speed);
    await say("stop");
    turn = await say("ask my back stretches how did I do this week");
    const heldAfter = secondsHolding(await page.locator("#week-stats").innerText());
    report.held = { before: heldBefore, after: heldAfter, cutAt };
    expect(
      heldAfter - heldBefore > 0 && heldAfter - heldBefore < 27, // 27: held in full, nearly
      `a hold cut ~9 s in added ${heldAfter - heldBefore} s to the week`,
    );

    // Another locale: the buttons say what people there say, and the first opens the skill
    // in that language.
    await page.selectOption("#locale", "de-DE");
    await page.waitForFunction(
      () => {
        const first = document.querySelector("#suggestions button");
        return first && first.dataset.phrase !== "start my back stretches";
      },
      null,
      { timeout: TURN_TIMEOUT_MS },
    );
    const german = await page.locator("#suggestions button").first().getAttribute("data-phrase");
    turn = await say(german);
    expect(/Willkommen|Schön, dass du/.test(turn.said), `de-DE answered: ${turn.said}`);

    await page.screenshot({ path: screenshot, fullPage: true });
    report.screenshot = screenshot;
    expect(report.consoleErrors.length === 0, "the page logged errors");
  });
}

main();

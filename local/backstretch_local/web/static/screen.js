// The simulator's screen panel: what an Echo Show or Spot would show beside the speech, drawn
// from what the skill sent (the document's own drawing as SVG, its datasource) and counted down
// as the document's tick handler does: from the hold's endsAt, on the device's clock (here
// the request's time, run at the page's playback speed). A device picker: speaker, Show, Spot.
// Touching a button is a touch (a UserEvent naming the button's intent), not a phrase.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const BUTTONS = [
    // [label key, intent, on a round screen too]
    ["pause", "AMAZON.PauseIntent", true],
    ["resume", "AMAZON.ResumeIntent", true],
    ["next", "AMAZON.NextIntent", true],
    ["repeat", "AMAZON.RepeatIntent", false],
    ["hurts", "PainIntent", true],
    ["stop", "AMAZON.StopIntent", false],
  ];
  const panel = {
    touched: () => {},
    shown: null, // {token, data, poseSvg, ringSvg} of the document on screen
    clock: 0, // the device's clock, in ms since the epoch
    lastFrame: 0,
    paused: false,
    frame: 0,
  };

  function device() {
    return $("device").value;
  }

  function speed() {
    return Math.max(1, Number($("speed").value) || 1);
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setDevice() {
    const kind = device();
    const frame = $("screen-frame");
    frame.className = `screen-frame ${kind}`;
    $("screen-panel").hidden = kind === "speaker";
    document.body.dataset.device = kind;
    if (panel.shown) render(panel.shown);
  }

  function show(update) {
    if (!update || device() === "speaker") return;
    if (update.command === "pause") {
      panel.paused = true;
      tick();
      return;
    }
    panel.shown = update;
    panel.paused = Boolean(update.token === "step" && update.data.screen.hold.paused);
    if (update.token === "step") panel.clock = update.data.screen.hold.requestedAt;
    panel.lastFrame = performance.now();
    render(update);
  }

  function render(update) {
    const frame = $("screen-frame");
    frame.replaceChildren();
    if (update.token === "week") renderWeek(frame, update.data.week);
    else renderStep(frame, update);
    tick();
  }

  function renderStep(frame, update) {
    const { step, hold, labels } = update.data.screen;
    const round = device() === "spot";
    frame.append(element("div", "title", step.title), element("div", "sub", `${step.side} · ${step.progress}`));
    const body = element("div", "body");
    const pose = element("div", "pose");
    pose.innerHTML = update.poseSvg; // our own server's SVG, made from the document's paths
    body.append(pose);
    const words = element("div", "words");
    if (!round) words.append(element("div", "instruction", step.instruction), element("div", "feel", step.feel));
    if (hold.seconds === 0) words.append(element("div", "prompt", panel.paused ? labels.paused : labels.prompt));
    body.append(words);
    if (hold.seconds > 0) {
      const count = element("div", "count");
      const ring = element("div", "ring");
      ring.innerHTML = update.ringSvg;
      count.append(ring, element("div", "number"), element("div", "phase"));
      body.append(count);
    }
    frame.append(body);
    const buttons = element("div", "buttons");
    for (const [key, intent, onRound] of BUTTONS) {
      if (round && !onRound) continue;
      const button = element("button", `touch ${key}`, labels[key]);
      button.type = "button";
      button.dataset.intent = intent;
      button.addEventListener("click", () => panel.touched(labels[key], intent));
      buttons.append(button);
    }
    frame.append(buttons);
  }

  function renderWeek(frame, week) {
    frame.append(element("div", "title", week.labels.title));
    const chart = element("div", "week-chart");
    for (const day of week.days) {
      const column = element("div", "day");
      column.classList.toggle("stretched", day.stretched);
      column.classList.toggle("today", day.today);
      column.classList.toggle("future", day.future);
      column.append(element("div", "bar"), element("div", "label", day.short));
      chart.append(column);
    }
    frame.append(chart);
    const stats = element("div", "stats");
    const stat = (value, label) => {
      const tile = element("div", "stat");
      tile.append(element("div", "value", String(value)), element("div", "label", label));
      return tile;
    };
    stats.append(stat(week.daysStretched, week.labels.daysStretched), stat(week.minutesHeld, week.labels.minutesHeld));
    if (device() !== "spot") stats.append(stat(week.streakDays, week.labels.streak));
    frame.append(stats);
    if (device() !== "spot") {
      const compare = element("div", "compare");
      for (const [label, width, said, kind] of [
        [week.labels.thisWeek, week.thisWeekWidth, week.thisWeekSaid, "this"],
        [week.labels.lastWeek, week.lastWeekWidth, week.lastWeekSaid, "last"],
      ]) {
        const row = element("div", `row ${kind}`);
        const track = element("div", "track");
        const bar = element("div", "fill");
        bar.style.width = width;
        track.append(bar);
        row.append(element("div", "label", label), track, element("div", "value", said));
        compare.append(row);
      }
      frame.append(compare);
    }
    if (week.reminder) frame.append(element("div", "reminder", week.reminder));
    frame.dataset.moment = "week";
  }

  // The document's tick handler, in the page: the clock runs at the page's speed.
  function tick() {
    window.cancelAnimationFrame(panel.frame);
    const shown = panel.shown;
    const frame = $("screen-frame");
    if (!shown || shown.token !== "step") return;
    const { hold, labels } = shown.data.screen;
    const now = performance.now();
    if (!panel.paused) panel.clock += (now - panel.lastFrame) * speed();
    panel.lastFrame = now;
    const left = Math.max(0, Math.min(hold.seconds, (hold.endsAt - panel.clock) / 1000));
    const started = panel.clock >= hold.startsAt;
    const last = started && left <= 3;
    frame.dataset.moment = panel.paused ? "paused" : hold.seconds === 0 ? "waiting" : "counting";
    for (const button of frame.querySelectorAll(".touch.pause")) button.hidden = panel.paused;
    for (const button of frame.querySelectorAll(".touch.resume")) button.hidden = !panel.paused;
    if (hold.seconds === 0) return;
    frame.dataset.left = String(Math.ceil(left));
    frame.querySelector(".number").textContent = String(Math.ceil(left));
    frame.querySelector(".count").classList.toggle("last", last);
    frame.querySelector(".phase").textContent = panel.paused
      ? labels.paused
      : left <= 0
        ? labels.release
        : started
          ? labels.hold
          : labels.getReady;
    const arc = frame.querySelector(".ring path[stroke-dashoffset]");
    if (arc) arc.setAttribute("stroke-dashoffset", String(100 - (100 * left) / hold.seconds));
    if (!panel.paused && left > 0) panel.frame = window.requestAnimationFrame(tick);
  }

  function init() {
    const picker = $("device");
    const params = new URLSearchParams(window.location.search);
    if (params.get("device")) picker.value = params.get("device");
    picker.addEventListener("change", setDevice);
    setDevice();
  }

  window.ScreenPanel = {
    device,
    show,
    onTouch(callback) {
      panel.touched = callback;
    },
  };
  init();
})();

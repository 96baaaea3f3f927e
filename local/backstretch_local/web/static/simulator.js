// The local simulator page: sends typed phrases to /simulator/say and plays Alexa's answers,
// progressive responses first, with the breaks waited out (and spoken, if asked), a countdown
// during each hold, and the week's chart after a summary. No build step: plain browser JS.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(window.location.search);
  const canSpeak = "speechSynthesis" in window;
  const WORDS_PER_SECOND = 2.7; // how long words stay alone on screen when not spoken

  const state = {
    session: null, // handed back by every answer, as Alexa hands back session attributes
    run: 0, // each new phrase interrupts whatever is still playing (barge-in)
    // What is playing: from `at` (seconds into the answer as spoken) for `seconds`, taking
    // `ms` on the page. A phrase sent meanwhile cuts in there, as "Alexa, ..." on a device.
    cursor: null,
    speed: Math.max(1, Number(params.get("speed")) || 1),
    holdsCounted: 0, // holds counted to the end, and countdown steps shown (for tests)
    holdTicks: 0,
  };

  function init() {
    const speed = $("speed");
    if (![...speed.options].some((o) => Number(o.value) === state.speed)) {
      speed.add(new Option(`${state.speed}× faster`, String(state.speed)));
    }
    speed.value = String(state.speed);
    speed.addEventListener("change", () => {
      state.speed = Number(speed.value) || 1;
    });
    const voice = $("voice");
    voice.disabled = !canSpeak;
    voice.checked = canSpeak && state.speed === 1 && params.get("voice") !== "off";
    $("say-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("say");
      const text = input.value;
      input.value = "";
      send(text);
    });
    $("suggestions").addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (button) send(button.dataset.phrase);
    });
    // Another locale is another device's language: its own session, and phrases to offer
    // in that language (locale.js; the page's own list is the first locale's).
    const firstPhrases = [...$("suggestions").children];
    window.LocalePicker.onChange(async (tag) => {
      state.session = null;
      addNote(`Locale ${tag}: the next phrase opens a new session.`, "ended");
      await offerPhrases(tag, firstPhrases);
    });
    // A touch on the screen panel's buttons: the intent it names, not a phrase (screen.js).
    window.ScreenPanel.onTouch((label, intent) => send(label, intent));
    $("say").focus();
  }

  async function offerPhrases(tag, firstPhrases) {
    const suggestions = $("suggestions");
    const reply = await fetch(`/simulator/phrases?locale=${encodeURIComponent(tag)}`);
    if (!reply.ok) return;
    const { phrases } = await reply.json();
    if (tag === (window.LocalePicker.first && window.LocalePicker.first())) {
      suggestions.replaceChildren(...firstPhrases);
      return;
    }
    suggestions.replaceChildren(
      ...phrases.map((phrase) => {
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.phrase = phrase;
        button.textContent = phrase;
        return button;
      }),
    );
  }

  async function send(text, touch) {
    text = (text || "").trim();
    if (!text) return;
    const cutAt = playingAt();
    state.cursor = null;
    const run = ++state.run;
    stopSpeaking();
    hideHold();
    addYou(touch ? `👆 ${text}` : text);
    setStatus("thinking", "Alexa is thinking…");
    let answer;
    try {
      const reply = await fetch("/simulator/say", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          text,
          session: state.session && { ...state.session, cutAt },
          device: window.ScreenPanel.device(),
          locale: window.LocalePicker.locale(),
          touch,
        }),
      });
      answer = await reply.json();
      if (!reply.ok) throw new Error(answer.error || `HTTP ${reply.status}`);
    } catch (error) {
      if (run !== state.run) return;
      addNote(`Something went wrong: ${error.message}`, "error");
      setStatus("error", "The skill did not answer. Try again.");
      return;
    }
    if (run !== state.run) return;
    state.session = answer.session;
    addHeard(answer.heard);
    if (answer.summary) showWeek(answer.summary);
    window.ScreenPanel.show(answer.screen);
    for (const part of answer.progressive) {
      await play(part.spoken, true, run);
      if (run !== state.run) return;
    }
    if (answer.response && answer.response.spoken.length) {
      await play(answer.response.spoken, false, run);
      if (run !== state.run) return;
    }
    state.cursor = null; // the answer is over: a phrase now comes after it
    if (answer.permissionQuestion) {
      // On a device, Alexa asks this in its own words; the next phrase is the answer.
      await play([{ say: answer.permissionQuestion }], false, run);
      if (run !== state.run) return;
    }
    showReminder(answer.reminder);
    hideHold();
    if (state.session) {
      setStatus("listening", "Alexa is listening. Say something, or pick a phrase.");
    } else {
      addNote("The session has ended.", "ended");
      setStatus("ended", "Session ended. Say “start my back stretches” to begin again.");
    }
  }

  async function play(spoken, progressive, run) {
    const bubble = addAlexa(progressive);
    for (const item of spoken) {
      if (run !== state.run) return;
      if ("say" in item) {
        const words = document.createElement("span");
        words.className = "words";
        words.textContent = item.say;
        bubble.append(words, " ");
        scrollDown();
        setStatus("speaking", "Alexa is speaking…");
        const readingMs = (item.say.split(/\s+/).length / WORDS_PER_SECOND) * 1000;
        playing(run, item.at, item.seconds, readingMs / state.speed);
        await speak(item.say, run, readingMs);
      } else {
        const chip = document.createElement("span");
        chip.className = item.hold ? "pause hold" : "pause";
        chip.textContent = `${item.hold ? "hold " : ""}${formatSeconds(item.pause)}`;
        bubble.append(chip, " ");
        scrollDown();
        if (item.hold) {
          await countHold(item, run);
        } else {
          setStatus("speaking", "Alexa is speaking…");
          playing(run, item.at, item.pause, (item.pause * 1000) / state.speed);
          await wait((item.pause * 1000) / state.speed, run);
        }
      }
    }
  }

  async function countHold(item, run) {
    const total = item.hold.total;
    let left = item.hold.left;
    const stop = Math.max(0, left - item.pause);
    showHold(total, left);
    setStatus("holding", "Holding…");
    while (left > stop + 1e-6) {
      const step = Math.min(1, left - stop);
      playing(run, item.at + (item.hold.left - left), step, (step * 1000) / state.speed);
      await wait((step * 1000) / state.speed, run);
      if (run !== state.run) return;
      left -= step;
      showHold(total, left);
      state.holdTicks += 1;
      document.body.dataset.holdTicks = String(state.holdTicks);
    }
    if (stop <= 1e-6) {
      state.holdsCounted += 1;
      document.body.dataset.holdsCounted = String(state.holdsCounted);
    }
  }

  function playing(run, at, seconds, ms) {
    state.cursor = { run, at, seconds, ms, started: performance.now() };
  }

  // Seconds into the answer (as spoken) of what is playing now; null when nothing is.
  function playingAt() {
    const cursor = state.cursor;
    if (!cursor || cursor.run !== state.run) return null;
    const done = cursor.ms > 0 ? Math.min(1, (performance.now() - cursor.started) / cursor.ms) : 1;
    return Math.round((cursor.at + cursor.seconds * done) * 100) / 100;
  }

  function speak(text, run, readingMs) {
    if (!$("voice").checked || !canSpeak) {
      return wait(readingMs / state.speed, run);
    }
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "en-US";
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      utterance.onend = finish;
      utterance.onerror = finish;
      // A browser with no voice never ends an utterance: don't wait for it forever.
      window.setTimeout(finish, readingMs * 2 + 2000);
      window.speechSynthesis.speak(utterance);
    });
  }

  function stopSpeaking() {
    if (canSpeak) window.speechSynthesis.cancel();
  }

  function wait(ms, run) {
    return new Promise((resolve) => {
      if (run !== state.run) resolve();
      else window.setTimeout(resolve, ms);
    });
  }

  function showHold(total, left) {
    $("hold").hidden = false;
    $("hold-seconds").textContent = String(Math.ceil(left - 1e-6));
    $("hold-fill").style.width = `${Math.round(((total - left) / total) * 100)}%`;
  }

  function hideHold() {
    $("hold").hidden = true;
  }

  function showReminder(when) {
    $("reminder").hidden = !when;
    $("reminder-when").textContent = when || "";
  }

  function showWeek(summary) {
    $("week").hidden = false;
    $("week-zone").textContent = summary.timeZone ? `(${summary.timeZone})` : "";
    const chart = $("chart");
    chart.replaceChildren();
    for (const day of summary.days) {
      const column = document.createElement("div");
      column.className = "day";
      column.classList.toggle("stretched", day.stretched);
      column.classList.toggle("today", day.today);
      column.classList.toggle("future", day.future);
      column.title = `${day.name} ${day.date}: ${day.stretched ? "stretched" : "no stretch"}`;
      const bar = document.createElement("div");
      bar.className = "bar";
      const label = document.createElement("div");
      label.className = "label";
      label.textContent = day.name.slice(0, 3);
      column.append(bar, label);
      chart.append(column);
    }
    const minutes = Math.floor(summary.secondsHeld / 60);
    const seconds = summary.secondsHeld % 60;
    const held = [minutes ? `${minutes} min` : "", seconds || !minutes ? `${seconds} s` : ""]
      .filter(Boolean)
      .join(" ");
    $("week-stats").textContent =
      `${plural(summary.daysStretched, "day")} · ${plural(summary.routinesCompleted, "full routine")}` +
      ` · ${held} holding · streak ${plural(summary.streakDays, "day")}` +
      ` · last week ${plural(summary.lastWeekDays, "day")}`;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function formatSeconds(seconds) {
    return `${Number(seconds.toFixed(2))} s`;
  }

  function entry(className) {
    const item = document.createElement("li");
    item.className = className;
    $("log").append(item);
    return item;
  }

  function addYou(text) {
    const item = entry("you");
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = "You";
    const said = document.createElement("span");
    said.className = "bubble";
    said.textContent = text;
    item.append(who, said);
    scrollDown();
  }

  function addHeard(heard) {
    const parts = [heard.requestType];
    if (heard.intent) parts.push(heard.intent);
    const slots = Object.entries(heard.slots || {}).map(([k, v]) => `${k}=${v}`);
    if (slots.length) parts.push(slots.join(", "));
    if (heard.newSession) parts.push("new session");
    if (heard.cutIn != null) parts.push(`cut in ${formatSeconds(heard.cutIn)} into the answer`);
    addNote(`Alexa heard: ${parts.join(" · ")}`, "heard");
  }

  function addAlexa(progressive) {
    const item = entry(progressive ? "alexa progressive" : "alexa");
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = progressive ? "Alexa · progressive" : "Alexa";
    const bubble = document.createElement("span");
    bubble.className = "bubble";
    item.append(who, bubble);
    return bubble;
  }

  function addNote(text, kind) {
    const item = entry(`note ${kind}`);
    item.textContent = text;
    scrollDown();
  }

  function setStatus(kind, text) {
    const status = $("status");
    status.dataset.state = kind;
    status.textContent = text;
  }

  function scrollDown() {
    const log = $("log");
    log.scrollTop = log.scrollHeight;
  }

  init();
})();

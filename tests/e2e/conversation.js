// A whole conversation with the running local endpoint, driven by virtual-alexa (a client we
// did not write): it resolves each phrase against our interaction model and posts the real
// request envelope. Progressive responses go to the endpoint's own fake Alexa API, over
// HTTPS; every SSML string the skill produced, progressive or full, is checked by
// ssml-check-core for Alexa.
//
//   node tests/e2e/conversation.js --url http://127.0.0.1:PORT \
//       --model skill-package/interactionModels/custom/en-US.json
//
// Prints one JSON report on stdout; exits 1 when the conversation breaks.
"use strict";

const crypto = require("node:crypto");
const { VirtualAlexa } = require("virtual-alexa");
const { check } = require("ssml-check-core");

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

// What a person says, and what they must hear back (every `hears` string, none of `never`).
// Time passes as for a listener: a request comes 2 s after the last answer could be heard out
// (its breaks plus its words at 150 words a minute), or, with `intoHold`, that many seconds
// into the last answer's counted hold: the person cut in ("Alexa, that hurts").
const CONVERSATION = [
  // Day one: the first side hurts, a gentler try, a question in a hold, a repeat, a skip, a
  // pause in a hold and a resume into it, and the last hold heard out.
  {
    say: "open my back stretches",
    request: "LaunchRequest",
    hears: ["Welcome to Back Stretch Coach", "This isn't medical advice", "something soft", "Kneel down on your left knee", "Keep your body upright", "push your hips", "Hold it there", "20 seconds.", "Three.", "One.", "And release"],
    progressive: true,
  },
  { say: "that hurts", intent: "PainIntent", intoHold: 12, hears: ["stop there", "less far", "doctor or physical therapist", "gentler", "finish for today"], never: ["didn't catch"] },
  { say: "make it gentler", intent: "GentlerIntent", hears: ["half as far", "Kneel down on your left knee", "10 seconds.", "One."], never: ["20 seconds."], progressive: true },
  // Held 8 of the gentler 20 s: answered in a few words, and the count carries on.
  { say: "how much longer", intent: "TimeLeftIntent", intoHold: 8, hears: ["12 seconds to go", "Keep holding", "One.", "And release"], never: ["Kneel down", "didn't catch", "Hold it there"] },
  { say: "next", intent: "AMAZON.NextIntent", hears: ["Kneel on your right knee", "And release", "Next is the lat stretch", "counter"], progressive: true },
  { say: "say that again", intent: "AMAZON.RepeatIntent", hears: ["Next is the lat stretch"], never: ["Hold it there", "Kneel on your right knee"] },
  { say: "skip to the lat stretch", intent: "GoToStretchIntent", hears: ["the lat stretch", "Stand facing", "Hold it there"], progressive: true },
  { say: "pause", intent: "AMAZON.PauseIntent", intoHold: 10, hears: ["stopped the count at 10 seconds", "Paused"] },
  { say: "resume", intent: "AMAZON.ResumeIntent", hears: ["back into it", "Keep holding", "And release"], never: ["Stand facing", "Lay your left arm", "counter"], progressive: true },
  // The last hold: the session stays open, so a cut into it would still reach the skill.
  { say: "next", intent: "AMAZON.NextIntent", hears: ["That's the whole routine", "how your week is going"], never: ["See you next time"], progressive: true },
  { say: "no", intent: "AMAZON.NoIntent", hears: ["See you next time"], ends: true },
  // A second routine with shorter holds, finished early...
  { say: "open my back stretches", request: "LaunchRequest", hears: ["Welcome back", "Kneel down on your left knee", "If anything hurts, just say so"], never: ["medical advice"] },
  { say: "make the holds 20 seconds", intent: "SetHoldIntent", slots: { seconds: "20" }, hears: ["Holds are now 20 seconds", "20 to 30 seconds"] },
  { say: "next", intent: "AMAZON.NextIntent", hears: ["Kneel on your right knee", "10 seconds."], never: ["20 seconds."] },
  { say: "i'm done for today", intent: "DoneForTodayIntent", hears: ["finish there for today"], ends: true },
  // ...picked up again, and cut short by pain on its very last hold: not finished.
  { say: "open my back stretches", request: "LaunchRequest", hears: ["Welcome back", "Last time you stopped at the lat stretch, left side"] },
  { say: "yes", intent: "AMAZON.YesIntent", hears: ["picking up with the lat stretch, left side", "counter", "Lay your left arm"], progressive: true },
  { say: "next", intent: "AMAZON.NextIntent", hears: ["Lay your right arm", "That's the whole routine"], progressive: true },
  { say: "that hurts", intent: "PainIntent", intoHold: 12, hears: ["Stand up slowly", "gentler"], never: ["whole routine", "See you next time"] },
  { say: "i'm done for today", intent: "DoneForTodayIntent", hears: ["finish there for today"], ends: true },
  // Not picking up: start fresh; a warning sign stops for today and is remembered.
  { say: "open my back stretches", request: "LaunchRequest", hears: ["Last time you stopped at the lat stretch, right side"] },
  { say: "no", intent: "AMAZON.NoIntent", hears: ["start fresh", "stop for now"] },
  { say: "start over", intent: "AMAZON.StartOverIntent", hears: ["from the top", "Kneel down on your left knee", "Hold it there"], progressive: true },
  { say: "my leg is tingling", intent: "WarningSignIntent", intoHold: 10, hears: ["Stop there", "doctor or physical therapist", "finish for today"], never: ["gentler"], ends: true },
  { say: "open my back stretches", request: "LaunchRequest", hears: ["Has that settled down?"], never: ["Hold it there"] },
  { say: "yes", intent: "AMAZON.YesIntent", hears: ["Good to hear", "Kneel down on your left knee", "And release"], progressive: true },
  { say: "stop", intent: "AMAZON.StopIntent", hears: ["stopping here"], ends: true },
  // The week so far, in a new session: every second held counts, one routine finished.
  // Held: 12 (pain) + 20 (gentler, a question in it) + 30 + 10 + 20 (paused, resumed) + 30;
  // then 30 + 20; then 20 + 12 (pain on the last hold); then 10 (warning); then 20: 234 s.
  { say: "how did i do this week", intent: "WeeklySummaryIntent", hears: ["You've stretched once this week, today", "1 full routine and 4 minutes"] },
  { say: "no", intent: "AMAZON.NoIntent", hears: ["See you next time"], ends: true },
];

const WORDS_PER_SECOND = 150 / 60;

function heardSeconds(ssml) {
  let seconds = 0;
  for (const found of ssml.matchAll(/<break time="(\d+)ms"\/>/g)) seconds += Number(found[1]) / 1000;
  const words = ssml.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length;
  return seconds + words / WORDS_PER_SECOND;
}

// Seconds after the last request that this step is said.
function secondsAfter(step, last) {
  if (!last) return 0;
  const heard = [...last.progressive, last.ssml].join(" ");
  if (step.intoHold === undefined) return heardSeconds(heard) + 2;
  const start = Math.max(heard.lastIndexOf("Hold it there."), heard.lastIndexOf("Keep holding."));
  if (start < 0) throw new Error(`"${step.say}" cuts into a hold, but the last answer had none`);
  return heardSeconds(heard.slice(0, start)) + step.intoHold;
}

function alexaTimestamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

async function main() {
  const url = option("url");
  const model = option("model");
  const userId = `amzn1.ask.account.E2E-${crypto.randomUUID()}`;
  const report = { userId, turns: [], ssmlChecked: 0, ssmlErrors: [], errors: [] };
  const { apiEndpoint } = await (await fetch(`${url}/simulator/alexa-api`)).json();
  report.apiEndpoint = apiEndpoint;

  let sent = null; // the request of the turn in flight, as the filter last saw it
  let clock = Date.UTC(2026, 10, 25, 15, 0, 0); // a Wednesday afternoon, on the listener's clock
  const alexa = VirtualAlexa.Builder()
    .skillURL(`${url}/alexa`)
    .interactionModelFile(model)
    .locale("en-US")
    .applicationID("amzn1.ask.skill.e2e-back-stretch")
    .create();
  alexa.filter((request) => {
    const system = request.context.System;
    system.apiEndpoint = apiEndpoint;
    system.apiAccessToken = "e2e-api-token";
    system.device.deviceId = "amzn1.ask.device.E2E";
    system.user.userId = userId;
    if (request.session) request.session.user.userId = userId;
    request.request.timestamp = alexaTimestamp(clock);
    sent = request;
  });

  let last = null;
  for (const step of CONVERSATION) {
    const turn = { say: step.say };
    report.turns.push(turn);
    try {
      clock += Math.round(secondsAfter(step, last) * 1000);
      const response = await alexa.utter(step.say);
      turn.request = sent.request.type;
      turn.intent = sent.request.intent ? sent.request.intent.name : null;
      turn.slots = {};
      for (const [name, slot] of Object.entries((sent.request.intent || {}).slots || {})) {
        turn.slots[name] = slot.value;
      }
      turn.newSession = sent.session ? sent.session.new : null;
      const requestId = sent.request.requestId;
      const directives = await (
        await fetch(`${url}/simulator/directives?requestId=${encodeURIComponent(requestId)}`)
      ).json();
      turn.progressive = directives.speech;
      turn.ssml = response.response.outputSpeech ? response.response.outputSpeech.ssml : "";
      turn.reprompt = response.response.reprompt ? response.response.reprompt.outputSpeech.ssml : "";
      turn.endSession = Boolean(response.response.shouldEndSession);
      turn.heard = [...turn.progressive, turn.ssml].join(" ");

      for (const ssml of [...turn.progressive, turn.ssml, turn.reprompt].filter(Boolean)) {
        report.ssmlChecked += 1;
        const errors = await check(ssml, { platform: "amazon" });
        if (errors && errors.length) report.ssmlErrors.push({ say: step.say, ssml, errors });
      }
      expectTurn(step, turn, report.errors);
      last = turn;
    } catch (error) {
      report.errors.push(`${step.say}: ${error && error.stack ? error.stack : error}`);
      break;
    }
  }
  if (report.ssmlErrors.length) report.errors.push(`${report.ssmlErrors.length} SSML string(s) failed ssml-check-core`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.errors.length ? 1 : 0;
}

function expectTurn(step, turn, errors) {
  const fail = (message) => errors.push(`${step.say}: ${message}`);
  if (step.request && turn.request !== step.request) fail(`sent ${turn.request}, not ${step.request}`);
  if (step.intent && turn.intent !== step.intent) fail(`resolved to ${turn.intent}, not ${step.intent}`);
  for (const [name, value] of Object.entries(step.slots || {})) {
    if (turn.slots[name] !== value) fail(`slot ${name} was ${turn.slots[name]}, not ${value}`);
  }
  const text = turn.heard.replace(/<[^>]+>/g, " ").replace(/&apos;/g, "'").replace(/\s+/g, " ");
  for (const words of step.hears || []) {
    if (!text.includes(words)) fail(`did not hear "${words}" in: ${text}`);
  }
  for (const words of step.never || []) {
    if (text.includes(words)) fail(`heard "${words}", which it should not have`);
  }
  if (Boolean(step.ends) !== turn.endSession) fail(`shouldEndSession was ${turn.endSession}`);
  if (step.progressive && turn.progressive.length === 0) fail("no progressive response reached the Alexa API");
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ errors: [String(error && error.stack ? error.stack : error)] })}\n`);
  process.exitCode = 1;
});

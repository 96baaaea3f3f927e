// The simulator's locale picker: fills its <select> from /simulator/locales (the locales the
// skill speaks and has a model for), and tells the page when another is picked (a new
// session, as a device set to another language would start). `?locale=de-DE` picks one.
"use strict";

window.LocalePicker = (() => {
  const select = () => document.getElementById("locale");
  const listeners = [];

  async function init() {
    const picker = select();
    if (!picker) return;
    const wanted = new URLSearchParams(window.location.search).get("locale");
    try {
      const reply = await fetch("/simulator/locales");
      const { locales } = await reply.json();
      picker.replaceChildren(...locales.map((tag) => new Option(tag, tag)));
      if (wanted && locales.includes(wanted) && wanted !== picker.value) {
        picker.value = wanted;
        listeners.forEach((listener) => listener(wanted));
      }
    } catch (error) {
      picker.disabled = true;
    }
    picker.addEventListener("change", () => listeners.forEach((listener) => listener(picker.value)));
  }

  document.addEventListener("DOMContentLoaded", init);
  return {
    locale: () => (select() && select().value) || null,
    first: () => (select() && select().options.length ? select().options[0].value : null),
    onChange: (listener) => listeners.push(listener),
  };
})();

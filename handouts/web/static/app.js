// Only makes the page nicer: every feature works without it (the buttons post the form).
"use strict";
(function () {
  // Live search: hide the library cards that do not match, as the words are typed.
  const search = document.querySelector("[data-search]");
  const tag = document.querySelector("[data-tag]");
  const none = document.querySelector("[data-none]");
  function filter() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    document.querySelectorAll(".card").forEach(function (card) {
      const tags = card.dataset.tags.split("|");  // a tag may be words: "upper back"
      const ok = (!tag.value || tags.includes(tag.value)) &&
        words.every(function (w) { return card.dataset.words.includes(w); });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    if (none) none.hidden = shown > 0;
  }
  if (search && tag) {
    search.addEventListener("input", filter);
    tag.addEventListener("change", filter);
    filter();  // the browser may have restored what was typed before
  }

  // A dose box is checked as it is typed, by the same code that checks a program YAML.
  const timers = new WeakMap();
  function check(input) {
    const message = document.getElementById(input.getAttribute("aria-describedby"));
    const url = new URL(document.body.dataset.checkUrl || "/check", window.location.href);
    url.searchParams.set("field", input.dataset.doseField);
    url.searchParams.set("value", input.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (message) message.textContent = answer.message || "";
        if (answer.ok) input.removeAttribute("aria-invalid");
        else input.setAttribute("aria-invalid", "true");
      })
      .catch(function () { /* the Build button checks everything again */ });
  }
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.dataset || !input.dataset.doseField) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { check(input); }, 200));
  });

  // A new language may leave some text in English: post the form (as the hidden default
  // button does) so that the page can say so before the handout is built.
  const language = document.querySelector("select[name=language]");
  const refresh = document.querySelector("button[value=refresh]");
  if (language && refresh) {
    language.addEventListener("change", function () { refresh.form.requestSubmit(refresh); });
  }

  // The saved-programs page: find a file by name.
  const find = document.querySelector("[data-filter-list]");
  if (find) {
    find.addEventListener("input", function () {
      const w = find.value.toLowerCase();
      document.querySelectorAll(".saved-list li").forEach(function (li) {
        li.hidden = !li.dataset.words.includes(w);
      });
    });
  }
})();

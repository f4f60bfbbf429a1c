// Only makes the page nicer: every feature works without it (the buttons post the form, and
// the server answers with a redirect to the draft's page). With it, each button's request is
// made with fetch and only the parts of the page that changed are swapped in, so nothing
// jumps. The preview, which follows the form as it is typed, is preview.js's.
"use strict";
(function () {
  const form = document.getElementById("program");
  const body = document.body;
  const REGIONS = ["stale-library", "top", "top-notice", "hidden", "summary", "patient", "chosen",
    "education", "handout", "protocol-box", "q-msg", "cards", "cards-more", "preview"];
  const PREVIEW_DELAY = 400;  // ms after the last keystroke
  let dirty = false;
  let busy = false;

  function announce(text) {
    const live = document.getElementById("announce");
    if (!live || !text) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // the page's own words in the clinic's language (staff_words.py), {n} filled in
  const words = JSON.parse(body.dataset.words || "{}");
  function said(key, fill) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (_, name) {
      return String(fill[name]);
    });
  }

  // ---- the buttons: fetch, then swap the regions that changed -----------------------------
  const served = {};  // region id -> the HTML the server last sent for it
  function remember(root) {
    REGIONS.forEach(function (id) {
      const el = root.getElementById(id);
      if (el) served[id] = el.outerHTML;
    });
  }

  // the banner about library files saved with a problem, as a live check's answer brings it:
  // the server looked at the files again for that request too, so the banner comes (or goes)
  // as the preview redraws, not only when a button is pressed
  function followLibrary(answer) {
    if (!answer || typeof answer.library !== "string") return;
    const next = new DOMParser().parseFromString(answer.library, "text/html")
      .getElementById("stale-library");
    const now = document.getElementById("stale-library");
    if (!next || !now || now.outerHTML === next.outerHTML) return;
    now.replaceWith(document.importNode(next, true));
    served["stale-library"] = next.outerHTML;
  }

  function setBusy(on) {
    busy = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    form.querySelectorAll("button").forEach(function (b) {
      if (on) { b.dataset.wasDisabled = b.disabled ? "1" : ""; b.disabled = true; }
      else if (b.dataset.wasDisabled !== undefined) {
        b.disabled = b.dataset.wasDisabled === "1"; delete b.dataset.wasDisabled;
      }
    });
  }

  // an error page as the answer (a form too large to take, one expired): its title and
  // words above the form, which keeps what was typed, to change and send again; drawn in
  // place of the form, they were lost with it. "" where the answer was no page of ours.
  function showError(doc) {
    const said = doc.querySelector("main h1");
    if (!said) return "";
    const box = document.createElement("div");
    box.id = "answer-error";
    box.className = "problems";
    box.setAttribute("role", "alert");
    box.tabIndex = -1;
    const title = document.createElement("h2");
    title.textContent = said.textContent;
    box.appendChild(title);
    const text = said.nextElementSibling;
    if (text) box.appendChild(document.importNode(text, true));
    const before = document.getElementById("answer-error");
    if (before) before.replaceWith(box); else form.before(box);
    box.focus();
    return "error";
  }

  function swap(html, url, failed) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fresh = doc.getElementById("program");
    if (!fresh && failed) return showError(doc);
    if (!fresh) {  // another page (sign-in, once the session ended): shown whole
      document.querySelector("main").innerHTML = doc.querySelector("main").innerHTML;
      document.title = doc.title;
      return "other";
    }
    const shown = document.getElementById("answer-error");
    if (shown) shown.remove();
    REGIONS.forEach(function (id) {
      const now = document.getElementById(id);
      const next = doc.getElementById(id);
      if (now && next && served[id] !== next.outerHTML) {
        now.replaceWith(document.importNode(next, true));
      }
    });
    remember(doc);
    ["focus", "where", "unsaved", "openPdf"].forEach(function (k) {
      if (fresh.dataset[k] !== undefined) form.dataset[k] = fresh.dataset[k];
      else delete form.dataset[k];
    });
    document.title = doc.title;
    if (url) history.replaceState(null, "", url);
    setupPage();
    return "form";
  }

  function focusAfter(previousId) {
    const target = form.dataset.focus;
    let el = target && document.getElementById(target);
    if (!el && previousId) {
      el = document.getElementById(previousId);
      if (el && el.disabled) el = null;
    }
    if (el) {
      el.focus();
      // a stage's weeks as Add weeks proposed them (or as refused): typing replaces them,
      // where the caret at their end made "1-2" typed over "1-2" into "1-21-2"
      if (el.matches("input[id$='-weeks']")) el.select();
      if (!isVisible(el)) el.scrollIntoView({ block: "center" });
    }
    const where = form.dataset.where;
    const result = where && (document.getElementById(where + "-result") ||
      document.querySelector("#" + where + " .result"));
    if (result) {
      // "nearest" could leave it a fraction of a pixel below the edge (scrolled in whole
      // pixels, in a panel taller than the window): in the middle it is wholly in sight
      if (!isVisible(result)) result.scrollIntoView({ block: "center" });
      announce(result.textContent);
    } else if (target === "problems" || (el && el.getAttribute("aria-invalid"))) {
      const problems = document.getElementById("problems");
      if (problems) announce(problems.textContent.replace(/\s+/g, " "));
    }
  }

  function isVisible(el) {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }

  // the name in its own script (2026-12-05_李小龍.pdf) where the server gives one, filename*:
  // its ASCII fallback, "2026-12-05_.pdf", is the same for every such patient of the day
  function filenameOf(response) {
    const header = response.headers.get("Content-Disposition") || "";
    const own = /filename\*=UTF-8''([^;\s]+)/i.exec(header);
    if (own) {
      try { return decodeURIComponent(own[1]); } catch (e) { /* the fallback below */ }
    }
    const found = /filename="([^"]+)"/.exec(header);
    return found ? found[1] : "handout.pdf";
  }

  function caretOf(el) {
    return el && el.id && typeof el.selectionStart === "number" ?  // an email box has none
      { id: el.id, start: el.selectionStart, end: el.selectionEnd } : null;
  }

  function putCaret(caret) {
    const el = caret && document.getElementById(caret.id);
    if (el && document.activeElement === el) el.setSelectionRange(caret.start, caret.end);
  }

  // the sections open now ("More dose fields", "Week by week" a therapist opened): the
  // answer draws them open again, where the page first drew them closed
  function openSections() {
    return Array.prototype.filter.call(form.querySelectorAll("details[data-section]"),
      function (d) { return d.open; }).map(function (d) { return d.dataset.section; }).join(" ");
  }

  function send(data, previousId, caret) {
    if (busy) return;
    data.set("open_sections", openSections());
    setBusy(true);
    const action = String(data.get("action") || "");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        const type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/pdf") === 0) {
          return response.blob().then(function (blob) {
            const link = document.createElement("a");
            link.href = URL.createObjectURL(blob);
            link.download = filenameOf(response);
            document.body.appendChild(link);
            link.click();
            link.remove();
            window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
            const result = document.getElementById("handout-result");
            result.textContent = said("js_downloaded", {file: link.download});
            dirty = false;
            setBusy(false);
            if (previousId) document.getElementById(previousId).focus();
            announce(result.textContent);
          });
        }
        return response.text().then(function (html) {
          setBusy(false);
          const drawn = swap(html, response.redirected ? response.url : null, !response.ok);
          if (drawn === "") throw new Error(response.statusText);  // said as no answer
          if (drawn !== "form") return;  // the error has the focus, above the form
          if (/^(build|save|email|download)/.test(action) && form.dataset.where &&
              form.dataset.where !== "problems") dirty = false;
          else if (!/^(search|refresh|show_all)$/.test(action)) dirty = true;
          focusAfter(previousId);
          putCaret(caret);
          if (action === "build" && form.dataset.openPdf) {
            window.open(form.dataset.openPdf, "_blank");
          }
        });
      })
      .catch(function () {
        setBusy(false);
        announce(said("js_no_answer", {}));
      });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      const button = event.submitter;
      if (!button || button.name !== "action") return;
      event.preventDefault();
      // Enter in a text box presses the hidden refresh button, which has no place of its
      // own: the box typed in (its part of the page swapped) gets the focus back, caret and all
      const typedIn = button.id ? null : document.activeElement;
      send(new FormData(form, button), button.id || (typedIn && typedIn.id), caretOf(typedIn));
    });
    form.addEventListener("input", function () { dirty = true; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty || form.dataset.unsaved === "1") { event.preventDefault(); event.returnValue = ""; }
    });
    remember(document);
  }

  // ---- a dose box is checked as it is typed, by the code that checks a program YAML --------
  const timers = new WeakMap();
  function check(input) {
    const message = document.getElementById(input.id + "-msg");
    const url = new URL(body.dataset.checkUrl || "/check", window.location.href);
    url.searchParams.set("field", input.dataset.doseField);
    url.searchParams.set("value", input.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        followLibrary(answer);
        if (message) message.textContent = answer.message || "";
        if (answer.ok) input.removeAttribute("aria-invalid");
        else input.setAttribute("aria-invalid", "true");
      })
      .catch(function () { /* the Build button checks everything again */ });
  }
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.dataset || !input.dataset.doseField) return;
    window.clearTimeout(timers.get(input));
    timers.set(input, window.setTimeout(function () { check(input); }, 200));
  });

  // ---- the Email button says whom it sends to ----------------------------------------------
  // a caregiver's handout goes to the caregiver's email, never the patient's: the button says
  // so as the Caregiver box is typed in, not only after the next answer from the server
  document.addEventListener("input", function (event) {
    const button = document.getElementById("email");
    if (event.target.id !== "patient_caregiver" || !button) return;
    button.textContent = event.target.value.trim() ? button.dataset.toCaregiver :
      button.dataset.toPatient;
  });

  // ---- drag an exercise to reorder (the Up and Down buttons do it by keyboard) -------------
  let dragged = null;
  document.addEventListener("dragstart", function (event) {
    const item = event.target.closest && event.target.closest(".item");
    if (!item) return;
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.index);
  });
  document.addEventListener("dragover", function (event) {
    const item = event.target.closest && event.target.closest(".item");
    if (!item || !dragged) return;
    event.preventDefault();
    document.querySelectorAll(".drop-target").forEach(function (el) {
      el.classList.remove("drop-target");
    });
    if (item !== dragged) item.classList.add("drop-target");
  });
  document.addEventListener("drop", function (event) {
    const item = event.target.closest && event.target.closest(".item");
    if (!item || !dragged) return;
    event.preventDefault();
    const from = dragged.dataset.index;
    const to = item.dataset.index;
    dragged.classList.remove("dragging");
    item.classList.remove("drop-target");
    dragged = null;
    if (from === to) return;
    const data = new FormData(form);
    data.set("action", "move:" + from + ":" + to);
    send(data, null);
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });

  // ---- the saved-programs page: find a file by name ----------------------------------------
  // Both sides folded as the server's search folds words (catalog.folded), and "ς" as "σ":
  // a name saved in its own script ("Ελένη-Παπαδοπούλου") is found typed "ελένη" or "ΕΛΕΝΗ",
  // which the typed words alone lowered never found.
  const LIGATURES = { "œ": "oe", "æ": "ae", "ß": "ss", "\u2019": "'", "ς": "σ" };
  function folded(text) {
    return text.toLowerCase().replace(/[œæß\u2019ς]/g, function (c) { return LIGATURES[c]; })
      .normalize("NFKD").replace(/\p{Mn}/gu, "");
  }
  const find = document.querySelector("[data-filter-list]");
  if (find) {
    find.addEventListener("input", function () {
      const w = folded(find.value);
      document.querySelectorAll(".saved-list li").forEach(function (li) {
        li.hidden = !folded(li.dataset.words).includes(w);
      });
    });
  }

  function setupPage() {
    // picker.js: the library's cards; preview.js: the preview's pages
    document.dispatchEvent(new Event("handouts:page"));
  }
  // for picker.js and preview.js, loaded after this
  window.handouts = {
    announce: announce, said: said, followLibrary: followLibrary, served: served,
  };
  setupPage();
  if (form && form.dataset.focus) focusAfter(null);
})();

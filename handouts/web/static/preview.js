// The editor's preview, with JavaScript: it follows the form as it is typed (400 ms after the
// last change), shows any page on demand, and opens a page at print size in a dialog. Without
// it the preview is the program as last posted, and the page's picture opens at print size
// in a new tab.
"use strict";
(function () {
  const page = window.handouts;  // app.js: followLibrary
  const form = document.getElementById("program");
  const body = document.body;
  if (!page || !form || !document.getElementById("preview")) return;
  const PREVIEW_DELAY = 400;  // ms after the last keystroke

  let previewTimer = null;
  let previewRequest = null;
  let pages = [];  // each page's picture: {screen, print} addresses

  function byId(id) { return document.getElementById(id); }

  // the pages the page as served (or a button's answer swapped in) shows
  function setup() {
    pages = Array.prototype.map.call(document.querySelectorAll("#preview-pages a"),
      function (a) { return { screen: a.href, print: a.dataset.print }; });
  }

  function showPage(n) {
    const img = byId("preview-img");
    const zoom = byId("preview-zoom");
    if (!img || !pages[n - 1]) return;
    img.src = pages[n - 1].screen;
    // the picture is the link's only content: its words are the link's name
    img.alt = "Page " + n + " of " + pages.length + " of the handout: see it at print size";
    zoom.href = pages[n - 1].print;
    zoom.hidden = false;
    byId("preview-zoom-hint").hidden = false;
    document.querySelectorAll("#preview-pages a").forEach(function (a) {
      if (Number(a.dataset.page) === n) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }
  function currentPage() {
    const on = document.querySelector("#preview-pages a[aria-current]");
    return on ? Number(on.dataset.page) : 1;
  }
  function hidePages() {  // no stale page: what shows is what would print
    byId("preview-pages").innerHTML = "";
    byId("preview-pages").hidden = true;
    byId("preview-zoom").hidden = true;
    byId("preview-zoom-hint").hidden = true;
    pages = [];
  }

  // what the handout warns about, in the one list above the form (shown once, not also
  // beside the preview)
  function showWarnings(lines) {
    const box = byId("warnings-box");
    if (!box) return;
    box.innerHTML = "";
    if (!lines.length) return;
    const div = document.createElement("div"); div.className = "warnings";
    const h2 = document.createElement("h2"); h2.textContent = "The handout will build, but:";
    const list = document.createElement("ul"); list.id = "preview-warnings";
    lines.forEach(function (w) {
      const li = document.createElement("li"); li.textContent = w; list.appendChild(li);
    });
    div.appendChild(h2); div.appendChild(list); box.appendChild(div);
  }

  function refreshPreview() {
    if (previewRequest) previewRequest.abort();
    previewRequest = new AbortController();
    byId("preview").setAttribute("aria-busy", "true");
    const data = new FormData(form);
    data.delete("action");
    fetch(body.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin",
      signal: previewRequest.signal })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        page.followLibrary(answer);
        byId("preview").setAttribute("aria-busy", "false");
        const status = byId("preview-status");
        if (!answer.ok) {
          status.textContent = answer.message;
          hidePages();
          showWarnings([]);
          return;
        }
        const keep = Math.min(currentPage(), answer.pages);
        const nav = byId("preview-pages");
        nav.innerHTML = "";
        nav.hidden = false;
        pages = answer.urls.map(function (u, i) { return { screen: u, print: answer.print_urls[i] }; });
        pages.forEach(function (p, i) {
          const a = document.createElement("a");
          a.href = p.screen; a.dataset.page = String(i + 1); a.dataset.print = p.print;
          const word = document.createElement("span");
          word.className = "visually-hidden"; word.textContent = "Page ";
          a.appendChild(word); a.appendChild(document.createTextNode(String(i + 1)));
          nav.appendChild(a);
        });
        showWarnings(answer.warnings);
        showPage(keep);
        status.textContent = "Page " + keep + " of " + answer.pages + ": as it prints (updated).";
        byId("preview").dataset.updated = String(Date.now());
      })
      .catch(function () { /* a newer request replaced this one */ });
  }
  function schedulePreview() {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(refreshPreview, PREVIEW_DELAY);
  }
  form.addEventListener("input", function (event) {
    if (event.target.closest(".program")) schedulePreview();
  });
  form.addEventListener("change", function (event) {
    // a new language may leave text in English: the preview's warnings say so (the menu is
    // never submitted on change, so arrow keys move through it without a reload)
    if (event.target.closest(".program")) schedulePreview();
  });

  // ---- a page at print size: one click on the page, to read the dose typed -----------------
  function openPrintSize() {
    const dialog = byId("print-size");
    const n = currentPage();
    if (!dialog || !pages[n - 1]) return false;
    // made on the first open: an img with no picture yet is a broken frame to the browser
    let img = byId("print-size-img");
    if (!img) {
      img = document.createElement("img"); img.id = "print-size-img"; dialog.appendChild(img);
    }
    // drawn at PRINT_SCALE px a point (preview.py), shown at 96 CSS px an inch of 72 points:
    // a Letter page 816 px wide, as a ruler measures it on the paper
    const perPoint = Number(dialog.dataset.pxPerPoint) || 1;
    img.onload = function () { img.style.width = (img.naturalWidth * 96 / 72 / perPoint) + "px"; };
    img.src = pages[n - 1].print;
    img.alt = "Page " + n + " of " + pages.length + " of the handout at print size";
    byId("print-size-h").textContent = "Page " + n + " of " + pages.length + " at print size";
    dialog.showModal();
    return true;
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    const link = event.target.closest("#preview-pages a");
    if (link) {
      event.preventDefault();
      const n = Number(link.dataset.page);
      showPage(n);
      // the status is a live region: it says the page now shown, not the one shown before
      byId("preview-status").textContent = "Page " + n + " of " + pages.length + ": as it prints.";
      return;
    }
    if (event.target.closest("#preview-zoom")) {
      if (openPrintSize()) event.preventDefault();
      return;
    }
    const dialog = byId("print-size");
    // the Close button, or a click on the dimmed page around the dialog
    if (event.target.closest("#print-size-close") || (dialog && event.target === dialog)) {
      dialog.close();
    }
  });
  // back to the page's picture, where the therapist was (Escape closes the dialog too)
  document.addEventListener("close", function (event) {
    if (event.target.id === "print-size" && byId("preview-zoom")) byId("preview-zoom").focus();
  }, true);

  document.addEventListener("handouts:page", setup);
  setup();
})();

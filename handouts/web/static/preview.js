// The editor's preview, with JavaScript: it follows the form as it is typed (400 ms after the
// last change), shows any page on demand, and opens a page at print size in a dialog. Without
// it the preview is the program as last posted, and the page's picture opens at print size
// in a new tab, as each page's link does.
"use strict";
(function () {
  const page = window.handouts;  // app.js: followLibrary, announce
  const form = document.getElementById("program");
  const body = document.body;
  if (!page || !form || !document.getElementById("preview")) return;
  const PREVIEW_DELAY = 400;  // ms after the last keystroke
  const SLOW = 2000;  // ms: a redraw that took longer is said when it is done

  let previewTimer = null;
  let previewRequest = null;
  let pages = [];  // each page's picture: {screen, print} addresses
  let printed = 1;  // the page the print-size dialog shows

  function byId(id) { return document.getElementById(id); }

  // the pages the page as served (or a button's answer swapped in) shows
  function setup() {
    pages = Array.prototype.map.call(document.querySelectorAll("#preview-pages a"),
      function (a) { return { screen: a.dataset.screen, print: a.href }; });
    // a page's link shows it beside the form here, and the picture opens a dialog: neither
    // opens a new tab, as they do, and say they do, without JavaScript
    document.querySelectorAll("#preview-pages a, #preview-zoom").forEach(function (a) {
      a.removeAttribute("target");
    });
    document.querySelectorAll("#preview .new-tab").forEach(function (said) { said.remove(); });
    // a button's answer brings the preview of the program it made; a redraw asked for before
    // it (a protocol chosen, then its button tapped, on a slow server) answers for the form
    // as it was then, and its "Add an exercise" hid the protocol's pages. It is asked again,
    // of the form as it is now.
    if (previewTimer !== null || previewRequest) {
      if (previewRequest) previewRequest.abort();
      previewRequest = null;
      schedulePreview();
    }
  }

  function showPage(n) {
    const img = byId("preview-img");
    const zoom = byId("preview-zoom");
    if (!img || !pages[n - 1]) return;
    img.src = pages[n - 1].screen;
    // the picture is the link's only content: its words are the link's name
    img.alt = page.said("js_page_alt", {n: n, pages: pages.length});
    zoom.href = pages[n - 1].print;
    zoom.hidden = false;
    byId("preview-zoom-hint").hidden = false;
    document.querySelectorAll("#preview-pages a").forEach(function (a) {
      if (Number(a.dataset.page) === n) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }
  function pageLine(n) { return page.said("js_page_line", {n: n, pages: pages.length}); }
  function currentPage() {
    const on = document.querySelector("#preview-pages a[aria-current]");
    return on ? Number(on.dataset.page) : 1;
  }
  // the page link the keyboard is on (0: none), so that a redraw, which makes the links
  // anew, leaves it on the same page's link rather than dropping it to the top of the page
  function focusedPage() {
    const on = document.activeElement;
    return on && on.closest && on.closest("#preview-pages a") ? Number(on.dataset.page) : 0;
  }
  function hidePages() {  // no stale page: what shows is what would print
    if (focusedPage()) byId("preview-h").focus();  // its links go: the preview's heading
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
    const now = Array.prototype.map.call(box ? box.querySelectorAll("li") : [],
      function (li) { return li.textContent; });
    // the box is a live region: the same list drawn again would be said again
    if (!box || now.join("\n") === lines.join("\n")) return;
    box.innerHTML = "";
    if (!lines.length) return;
    const div = document.createElement("div"); div.className = "warnings";
    const h2 = document.createElement("h2"); h2.textContent = page.said("will_build", {});
    const list = document.createElement("ul"); list.id = "preview-warnings";
    lines.forEach(function (w) {
      const li = document.createElement("li"); li.textContent = w; list.appendChild(li);
    });
    div.appendChild(h2); div.appendChild(list); box.appendChild(div);
  }

  function refreshPreview() {
    previewTimer = null;
    if (previewRequest) previewRequest.abort();
    const asking = previewRequest = new AbortController();
    byId("preview").setAttribute("aria-busy", "true");
    const data = new FormData(form);
    data.delete("action");
    const asked = Date.now();
    const before = pages.length;  // 0 while there is no handout to show
    fetch(body.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin",
      signal: previewRequest.signal })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (previewRequest === asking) previewRequest = null;
        page.followLibrary(answer);
        byId("preview").setAttribute("aria-busy", "false");
        // how many answers the preview has had: a test waits for the next one
        byId("preview").dataset.updated = String(Number(byId("preview").dataset.updated || 0) + 1);
        const status = byId("preview-status");
        if (!answer.ok) {
          // said once, as it becomes true: not again at each pause in typing
          if (status.textContent !== answer.message) page.announce(answer.message);
          status.textContent = answer.message;
          hidePages();
          showWarnings([]);
          return;
        }
        const keep = Math.min(currentPage(), answer.pages);
        const focused = Math.min(focusedPage(), answer.pages);
        const nav = byId("preview-pages");
        nav.innerHTML = "";
        nav.hidden = false;
        pages = answer.urls.map(function (u, i) {
          return { screen: u, print: answer.print_urls[i] };
        });
        pages.forEach(function (p, i) {
          const a = document.createElement("a");
          a.href = p.print; a.dataset.page = String(i + 1);
          a.dataset.screen = p.screen;
          const word = document.createElement("span");
          word.className = "visually-hidden"; word.textContent = page.said("page_word", {});
          a.appendChild(word); a.appendChild(document.createTextNode(String(i + 1)));
          nav.appendChild(a);
          if (i + 1 === focused) a.focus();
        });
        showWarnings(answer.warnings);
        showPage(keep);
        const line = pageLine(keep);
        status.textContent = line + page.said("js_updated", {});
        // the line is not a live region: a screen reader heard "(updated)" after every pause
        // in typing. It is told a new page count (a handout back counts), or a slow redraw done
        if (answer.pages !== before || Date.now() - asked > SLOW) page.announce(line + ".");
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
    if (!dialog || !pages[currentPage() - 1]) return false;
    showPrintSize(currentPage());
    byId("print-size-said").textContent = "";
    dialog.showModal();
    byId("print-size-close").focus();  // not Next, pressed by a stray Enter
    return true;
  }

  // a page in the dialog: Previous and Next turn it, and the page beside the form follows,
  // so that Close goes back to the page last read
  function showPrintSize(n) {
    const dialog = byId("print-size");
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
    img.alt = page.said("js_page_alt_print", {n: n, pages: pages.length});
    byId("print-size-h").textContent = page.said("js_print_size_h", {n: n, pages: pages.length});
    printed = n;
    const prev = byId("print-size-prev");
    const next = byId("print-size-next");
    // a button disabled under the focus would drop it out of the dialog: it moves to the other
    const lost = (n === 1 && document.activeElement === prev) ||
      (n === pages.length && document.activeElement === next);
    prev.disabled = n === 1;
    next.disabled = n === pages.length;
    if (lost) (next.disabled ? (prev.disabled ? byId("print-size-close") : prev) : next).focus();
    dialog.scrollTop = 0;
    showPage(n);
  }

  function turn(step) {
    const n = printed + step;
    if (!pages[n - 1]) return;
    showPrintSize(n);
    byId("preview-status").textContent = pageLine(n) + ".";
    byId("print-size-said").textContent = byId("print-size-h").textContent;
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    const link = event.target.closest("#preview-pages a");
    if (link) {
      event.preventDefault();
      const n = Number(link.dataset.page);
      showPage(n);
      // the line says the page now shown, not the one shown before, and so does a reader
      byId("preview-status").textContent = pageLine(n) + ".";
      page.announce(pageLine(n) + ".");
      return;
    }
    if (event.target.closest("#preview-zoom")) {
      if (openPrintSize()) event.preventDefault();
      return;
    }
    if (event.target.closest("#print-size-prev")) return turn(-1);
    if (event.target.closest("#print-size-next")) return turn(1);
    const dialog = byId("print-size");
    // the Close button, or a click on the dimmed page around the dialog
    if (event.target.closest("#print-size-close") || (dialog && event.target === dialog)) {
      dialog.close();
    }
  });
  // the arrow keys turn the page too (the page fits the dialog's width: nothing to scroll)
  document.addEventListener("keydown", function (event) {
    if (!event.target.closest || !event.target.closest("#print-size")) return;
    if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      turn(event.key === "ArrowLeft" ? -1 : 1);
    }
  });
  // back to the page's picture, where the therapist was (Escape closes the dialog too)
  document.addEventListener("close", function (event) {
    if (event.target.id === "print-size" && byId("preview-zoom")) byId("preview-zoom").focus();
  }, true);

  document.addEventListener("handouts:page", setup);
  setup();
})();

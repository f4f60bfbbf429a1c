// The editor's library picker, with JavaScript: the live search and the favourites. Without it
// the Search and Show all buttons post the form, and there are no favourites.
// The server sends the first matches' cards, not the whole library (picker.py): the live
// search fetches them as the box is typed in or a menu changed, and swaps them in.
"use strict";
(function () {
  const page = window.handouts;  // app.js: announce, followLibrary, the regions served
  const body = document.body;
  if (!page || !document.getElementById("cards")) return;

  // ---- live search, forgiving: the server's, so it matches what the button does ----------
  let searchTimer = null;
  function asked() {  // the search box and each filter menu, as the form posts them
    const q = document.getElementById("q");
    const params = [["q", q.value]];
    document.querySelectorAll("[data-filter]").forEach(function (menu) {
      params.push([menu.name, menu.value]);
    });
    return params;
  }
  function keyOf(params) {  // what was asked, to tell an older answer from the latest
    return params.map(function (p) { return p[1]; }).join("\n");
  }
  function search() {
    const params = asked();
    const url = new URL(body.dataset.searchUrl, window.location.href);
    params.forEach(function (p) { url.searchParams.set(p[0], p[1]); });
    // the program's exercises, whose cards are always sent and say so; and Show all, which
    // holds while the search is the one it was pressed for
    const program = Array.prototype.map.call(
      document.querySelectorAll("#chosen input[name$='-id']"), function (i) { return i.value; });
    url.searchParams.set("program", program.join(","));
    const allFor = document.querySelector("#cards-more [name=all_for]");
    if (allFor) url.searchParams.set("all_for", allFor.value);
    const key = keyOf(params);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (answer) {
        page.followLibrary(answer);
        if (keyOf(asked()) !== key) return;  // an older answer
        showCards(answer.cards);
        document.getElementById("cards").dataset.shownFor = key;
      });
  }
  function showCards(html) {
    const doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    ["cards", "cards-more"].forEach(function (id) {
      const next = doc.getElementById(id);
      document.getElementById(id).replaceWith(document.importNode(next, true));
      page.served[id] = next.outerHTML;  // what a button's answer is compared with
    });
    paintFavourites();
  }
  // "Favourites only" hides the others: every favourite that matches is sent, first
  function onlyFavourites() {
    const favOnly = document.getElementById("fav-only");
    const only = favOnly && favOnly.checked;
    const favs = new Set(favourites());
    const list = document.getElementById("cards");
    let shown = 0;
    list.querySelectorAll(".card").forEach(function (card) {
      card.hidden = only && !favs.has(card.dataset.id);
      if (!card.hidden) shown += 1;
    });
    const showAll = document.querySelector("#cards-more .more");
    if (showAll) showAll.hidden = only;
    // where every match is hidden, the list says that the others match: an empty list
    // under "0 of 11 exercises" did not say that unticking Favourites only shows them
    const noFav = document.getElementById("fav-none");
    if (noFav) noFav.hidden = !(only && shown === 0);
    const msg = document.getElementById("q-msg");
    msg.textContent = page.said("found", {found: only ? shown : list.dataset.found,
                                          total: list.dataset.total});
    // what the list says where nothing is shown is said here too: a screen reader hears this
    // line as the search changes, not the list's new paragraph
    const none = noFav && !noFav.hidden ? noFav : document.getElementById("cards-none");
    if (none) {
      const said = document.createElement("span");
      said.className = "visually-hidden";
      said.textContent = ". " + none.firstChild.textContent.trim();
      msg.appendChild(said);
    }
  }
  document.addEventListener("input", function (event) {
    if (event.target.id === "q") {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(search, 150);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-filter]")) search();
    if (event.target.id === "fav-only") onlyFavourites();
  });

  // ---- favourites, kept in this browser ----------------------------------------------------
  // and told to the server in a cookie, which puts them first in every list it sends
  const FAVS = "handouts-favourites";
  function favourites() {
    try { return JSON.parse(window.localStorage.getItem(FAVS) || "[]"); } catch (e) { return []; }
  }
  function told() {
    const found = document.cookie.split("; ").filter(function (c) {
      return c.indexOf(FAVS + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(FAVS.length + 1)) : "";
  }
  function tell() {  // true where the server did not know them
    const now = favourites().join(",");
    if (now === told()) return false;
    document.cookie = FAVS + "=" + encodeURIComponent(now) +
      "; path=/; max-age=31536000; SameSite=Lax";
    return true;
  }
  function paintFavourites() {
    const favs = favourites();
    document.querySelectorAll("[data-fav]").forEach(function (b) {
      const on = favs.indexOf(b.dataset.fav) >= 0;
      b.hidden = false;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? "★" : "☆";
    });
    document.querySelectorAll(".fav-only").forEach(function (el) { el.hidden = false; });
    onlyFavourites();
  }
  document.addEventListener("click", function (event) {
    const star = event.target.closest && event.target.closest("[data-fav]");
    if (!star) return;
    const favs = favourites();
    const at = favs.indexOf(star.dataset.fav);
    if (at >= 0) favs.splice(at, 1); else favs.push(star.dataset.fav);
    window.localStorage.setItem(FAVS, JSON.stringify(favs));
    paintFavourites();
    star.focus();
    page.announce(page.said(at >= 0 ? "js_fav_removed" : "js_fav_added", {}));
    tell();
  });

  // a page as the server sent it (or a button's answer swapped in): the stars painted, and
  // the cards asked for again where the server did not know this browser's favourites
  function setup() {
    paintFavourites();
    if (tell()) search();
  }
  document.addEventListener("handouts:page", setup);
  setup();
})();

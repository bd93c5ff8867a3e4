/* transcompare report: filters, keyboard navigation, finding details, sidebar kept in step.
   Reads finding data with JSON.parse and writes text with textContent only. */
(function () {
  "use strict";
  var F = JSON.parse(document.getElementById("findings-data").textContent);
  var root = document.documentElement;
  var grid = document.getElementById("rows");
  var sidebar = document.getElementById("sidebar");
  var detail = document.getElementById("detail");
  var shownEl = document.getElementById("shown");
  var onlyEl = document.getElementById("only-findings");
  var mtEl = document.getElementById("show-mt");
  var toolbar = document.getElementById("toolbar");
  var rows = Array.prototype.slice.call(grid.querySelectorAll(".row:not(.head)"));
  var stops = Array.prototype.slice.call(document.querySelectorAll("#doc-findings [data-f], #rows [data-f]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("#finding-list li"));
  var itemOf = {};
  items.forEach(function (li) { itemOf[li.getAttribute("data-n")] = li; });
  var visible = F.map(function () { return true; });
  var firstStop = {};
  var rowIndex = new Map();
  rows.forEach(function (row, i) { rowIndex.set(row, i); row._active = 0; });
  stops.forEach(function (el, i) {
    el._i = i;
    el._f = el.getAttribute("data-f").split(" ").map(Number);
    var row = el.closest(".row");
    el._row = row ? rowIndex.get(row) : -1;
    el._f.forEach(function (n) { if (!(n in firstStop)) { firstStop[n] = el; } });
  });

  function checkedValues(name) {
    var out = new Set();
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      if (input.checked) { out.add(input.value); }
    });
    return out;
  }

  function applyFilters() {
    var kinds = checkedValues("kind");
    var severities = checkedValues("severity");
    var shown = 0;
    F.forEach(function (f, n) {
      visible[n] = kinds.has(f.kind) && severities.has(f.severity);
      if (visible[n]) { shown += 1; }
    });
    rows.forEach(function (row) { row._active = 0; });
    stops.forEach(function (el) {
      var on = el._f.filter(function (n) { return visible[n]; });
      if (on.length) {
        el.classList.remove("off");
        el.setAttribute("data-k", F[on[0]].kind);
        el.setAttribute("data-s", F[on[0]].severity);
        el.setAttribute("data-ref", on.map(function (n) { return F[n].num; }).join(","));
        el.tabIndex = 0;
        if (el._row >= 0) { rows[el._row]._active += 1; }
      } else {
        el.classList.add("off");
        el.tabIndex = -1;
      }
    });
    items.forEach(function (li) { li.hidden = !visible[Number(li.getAttribute("data-n"))]; });
    var only = onlyEl.checked;
    rows.forEach(function (row) { row.hidden = only && row._active === 0; });
    shownEl.textContent = shown + " of " + F.length + (F.length === 1 ? " finding shown" : " findings shown");
  }

  function isActive(el) {
    return !el.classList.contains("off") && !(el._row >= 0 && rows[el._row].hidden);
  }

  function firstRowInView() {
    var lo = 0, hi = rows.length - 1, top = toolbar.getBoundingClientRect().bottom;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid].hidden || rows[mid].getBoundingClientRect().bottom <= top) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* j/k go from finding to finding: each visible finding's first mark, in document order. */
  function navigable() {
    return stops.filter(function (el) {
      return isActive(el) && el._f.some(function (n) { return visible[n] && firstStop[n] === el; });
    });
  }

  function move(step) {
    var nav = navigable();
    if (!nav.length) { return; }
    var here = document.activeElement, next;
    if (here && here._i !== undefined) {
      next = step > 0
        ? nav.find(function (el) { return el._i > here._i; }) || nav[0]
        : nav.slice().reverse().find(function (el) { return el._i < here._i; }) || nav[nav.length - 1];
    } else {
      var from = firstRowInView();
      var i = nav.findIndex(function (el) { return el._row >= from; });
      next = step > 0 ? nav[i < 0 ? 0 : i] : nav[((i < 0 ? nav.length : i) - 1 + nav.length) % nav.length];
    }
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "center" });
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined && text !== null) { el.textContent = text; }
    parent.appendChild(el);
    return el;
  }

  function showDetail(el) {
    var ns = el._f ? el._f.filter(function (n) { return visible[n]; }) : [];
    if (!ns.length) { return; }
    clear(detail);
    var close = add(detail, "button", "×", "d-close");
    close.type = "button";
    close.setAttribute("aria-label", "close the details (Esc)");
    ns.forEach(function (n) {
      var f = F[n];
      var box = add(detail, "div", null, "d-item");
      box.setAttribute("data-k", f.kind);
      var head = add(box, "div");
      add(head, "span", "#" + f.num + " ", "num");
      add(head, "b", f.kind + "/" + f.subtype, "badge");
      add(head, "span", f.severity, "sev sev-" + f.severity);
      add(head, "span", " · confidence " + Math.round(f.confidence * 100) + "% · " + f.check + " · " + f.edition + " · " + f.id, "count");
      add(box, "div", f.explanation);
      var sides = add(box, "div", null, "ex");
      if (f.original) { add(sides, "span", "orig", "tag"); add(sides, "span", f.original + "  ").lang = f.original_lang; }
      if (f.published) { add(sides, "span", "ed", "tag"); add(sides, "span", f.published).lang = f.edition_lang; }
      if (f.evidence && Object.keys(f.evidence).length) {
        var more = add(box, "details", null, "d-ev");
        add(more, "summary", "evidence");
        add(more, "div", JSON.stringify(f.evidence, null, 1));
      }
    });
    detail.hidden = false;
    markCurrent(ns);
  }

  var current = [];
  function markCurrent(ns) {
    current.forEach(function (li) { li.classList.remove("current"); });
    current = ns.map(function (n) { return itemOf[n]; }).filter(Boolean);
    current.forEach(function (li) { li.classList.add("current"); });
    if (current.length) { keepInSidebar(current[0]); }
  }

  function keepInSidebar(li) {
    var top = li.offsetTop, bottom = top + li.offsetHeight;
    if (top < sidebar.scrollTop || bottom > sidebar.scrollTop + sidebar.clientHeight) {
      sidebar.scrollTop = Math.max(0, top - sidebar.clientHeight / 3);
    }
  }

  function hideDetail() { detail.hidden = true; }

  document.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t === mtEl) { root.classList.toggle("no-mt", !mtEl.checked); return; }
    if (t.name === "kind" || t.name === "severity" || t === onlyEl) { applyFilters(); }
  });

  document.addEventListener("focusin", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-f]");
    if (el && el._f) { showDetail(el); }
  });

  document.addEventListener("mouseover", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-f]");
    if (el && el._f && !el.classList.contains("off")) { showDetail(el); }
  });

  document.addEventListener("click", function (ev) {
    if (!ev.target.closest) { return; }
    if (ev.target.closest(".d-close") || !ev.target.closest("#detail, [data-f], [data-goto]")) { hideDetail(); }
    var btn = ev.target.closest("[data-goto]");
    if (!btn) { return; }
    ev.preventDefault();  /* a link to the row, for readers without scripts; with them, to the mark itself */
    var target = firstStop[Number(btn.getAttribute("data-goto"))];
    if (target) {
      if (target._row >= 0) { rows[target._row].hidden = false; }
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    }
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var tag = ev.target.tagName;
    if (tag === "INPUT" && ev.target.type !== "checkbox" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (ev.key === "j" || ev.key === "n") { move(1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "p") { move(-1); ev.preventDefault(); }
    else if (ev.key === "Escape") { hideDetail(); if (document.activeElement && document.activeElement.blur) { document.activeElement.blur(); } }
  });

  /* The sidebar follows the text: when the page scrolls, it shows the first finding in view. */
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending || sidebar.matches(":hover")) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      if (!rows.length) { return; }
      var from = firstRowInView();
      var el = stops.find(function (s) { return s._row >= from && isActive(s); });
      if (!el) { return; }
      var n = el._f.find(function (m) { return visible[m]; });
      if (n !== undefined && itemOf[n]) {
        sidebar.querySelectorAll("li.in-view").forEach(function (li) { li.classList.remove("in-view"); });
        itemOf[n].classList.add("in-view");
        keepInSidebar(itemOf[n]);
      }
    });
  }, { passive: true });

  function setToolbarHeight() { root.style.setProperty("--toolbar-h", toolbar.offsetHeight + "px"); }
  window.addEventListener("resize", setToolbarHeight);
  setToolbarHeight();
  applyFilters();
  document.body.setAttribute("data-ready", "1");
})();

// The comparison page: N and P (or J and K) go to the next and previous change. The links on every
// change do the same without this script; the checkbox turns the keys off (WCAG 2.1.4).
(function () {
  "use strict";
  var STORE = "reading-room-change-keys";

  function changes() { return Array.prototype.slice.call(document.querySelectorAll(".crow.is-change")); }

  function status() {
    var region = document.getElementById("change-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "change-status"; region.className = "visually-hidden";
      region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
      (document.querySelector("main") || document.body).appendChild(region);
    }
    return region;
  }

  // Where we are: the focused change, else the one in the URL, else the scroll position.
  function position(list) {
    var focused = document.activeElement && document.activeElement.closest && document.activeElement.closest(".crow.is-change");
    var at = list.indexOf(focused || document.getElementById(location.hash.slice(1)));
    if (at >= 0) return { index: at, exact: true };
    var below = list.findIndex(function (row) { return row.getBoundingClientRect().top > 1; });
    return { index: below < 0 ? list.length : below, exact: false };
  }

  function go(step) {
    var list = changes();
    if (!list.length) return;
    var here = position(list);
    var index = here.exact || step < 0 ? here.index + step : here.index;
    index = Math.max(0, Math.min(list.length - 1, index));
    var row = list[index];
    list.forEach(function (r) { r.classList.toggle("current", r === row); });
    history.replaceState(null, "", "#" + row.id);
    row.focus();
    var holder = document.querySelector("[data-announce]");
    var label = row.querySelector(".cmeta .status");
    var message = holder ? holder.dataset.announce.replace("{n}", index + 1).replace("{total}", list.length) : "";
    status().textContent = message + (label ? ": " + label.textContent.trim() : "");
  }

  function enabled() {
    var box = document.getElementById("change-keys");
    return !box || box.checked;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !enabled()) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key.toLowerCase();
    if (key === "n" || key === "j") { go(1); event.preventDefault(); }
    else if (key === "p" || key === "k") { go(-1); event.preventDefault(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("change-keys");
    if (!box) return;
    box.closest("label").hidden = false;
    try { box.checked = localStorage.getItem(STORE) !== "off"; } catch (e) { /* storage refused: keys stay on */ }
    box.addEventListener("change", function () {
      try { localStorage.setItem(STORE, box.checked ? "on" : "off"); } catch (e) { /* nothing to keep */ }
    });
    status();
  });
})();

// Copy buttons: the permalink (data-copy, a path made absolute) and the citation (data-copy-text).
// The permalink itself is a plain link and the citation shows as the button's title, so nothing
// depends on this script.
(function () {
  "use strict";
  var SELECTOR = "button.copy[data-copy], button.cite[data-copy-text]";
  function absolute(path) { return new URL(path, window.location.href).href; }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "visually-hidden";
    document.body.appendChild(area); area.select();
    try {
      if (!document.execCommand("copy")) return Promise.reject(new Error("copy refused"));
    } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  // One polite live region, present before anything is announced (screen readers ignore
  // regions that appear with their message). Inside <main> so it belongs to a landmark.
  function status() {
    var region = document.getElementById("copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "copy-status"; region.className = "visually-hidden";
      region.setAttribute("role", "status"); region.setAttribute("aria-live", "polite");
      (document.querySelector("main") || document.body).appendChild(region);
    }
    return region;
  }
  function enable(root) {
    root.querySelectorAll(SELECTOR + ", button[data-print]").forEach(function (button) { button.hidden = false; });
    status();
  }
  // The messages are written once, on the container of the rows (data-copied, data-failed…).
  function text(button, name) {
    var holder = button.closest("[data-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + "]");
    return holder ? holder.dataset[name] : "";
  }
  function feedback(button, label, ok) {
    var message = ok ? text(button, "copied") || "✓" : text(button, "failed") || "✗";
    button.style.minWidth = button.offsetWidth + "px"; // a shorter message must not make the column jump
    button.classList.toggle("done", ok);
    button.classList.toggle("failed", !ok);
    button.textContent = message;
    var announce = button.classList.contains("cite") && text(button, "announceCitation");
    status().textContent = ok ? announce || message : message;
    clearTimeout(button._restore);
    button._restore = setTimeout(function () {
      button.classList.remove("done", "failed");
      button.innerHTML = label;
    }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(SELECTOR);
    if (!button) return;
    var label = button._label || (button._label = button.innerHTML);
    var text = button.dataset.copyText || absolute(button.dataset.copy);
    copy(text).then(
      function () { feedback(button, label, true); },
      function () { feedback(button, label, false); }
    );
  });
  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enable(event.target); });
  document.addEventListener("click", function (event) {
    if (event.target.closest("button[data-print]")) window.print();
  });
})();

// Copy-permalink buttons. The permalink itself is a plain link, so nothing depends on this.
(function () {
  "use strict";
  function absolute(path) { return new URL(path, window.location.href).href; }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.className = "visually-hidden";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  function enable(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy[data-copy]");
    if (!button) return;
    var label = button.textContent;
    copy(absolute(button.dataset.copy)).then(function () {
      button.classList.add("done");
      button.textContent = button.dataset.copied || "✓";
      button.setAttribute("aria-live", "polite");
      setTimeout(function () { button.classList.remove("done"); button.textContent = label; }, 2000);
    });
  });
  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enable(event.target); });
})();

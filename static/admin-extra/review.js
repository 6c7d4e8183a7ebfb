// The review queue from the keyboard: A accept, R reject, E edit (Enter saves), S skip. The keys
// act only when no text box has the focus; every button also works by itself.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA")) {
      if (event.key === "Escape") active.blur();
      return;
    }
    var key = event.key.toLowerCase();
    var target = document.querySelector('#review-form [data-key="' + key + '"]');
    if (!target) return;
    event.preventDefault();
    if (key === "e") {
      var box = document.getElementById("review-text");
      box.focus(); box.select();
      return;
    }
    target.click();
  });
})();

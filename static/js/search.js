// Highlight the words a search matched (?hl=word+word) on the page a result led to. Loaded by
// base.html only when the URL has ?hl=. The reader's HTML is cached and the same for everyone,
// so this is done here, in the browser; without JavaScript the page is simply not highlighted.
(function () {
  "use strict";
  var TEXTS = ".reader .cell p, .reader .notes li";

  // Lower case without accents, one output character per input character so offsets still match.
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i].normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += (c.length === 1 ? c : text[i]).toLowerCase().charAt(0) || text[i];
    }
    return out;
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function terms() {
    var raw = new URLSearchParams(window.location.search).get("hl") || "";
    return raw.split(/\s+/).map(fold).filter(function (t) { return t.length > 0; }).slice(0, 20);
  }

  function highlight(root, pattern) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var count = 0;
    nodes.forEach(function (node) {
      if (node.parentNode.closest("mark, sup, .lang-tag")) return;
      var text = node.nodeValue, folded = fold(text), last = 0, match, parts = [];
      pattern.lastIndex = 0;
      while ((match = pattern.exec(folded)) !== null) {
        var start = match.index + match[1].length, end = start + match[2].length;
        parts.push(document.createTextNode(text.slice(last, start)));
        var mark = document.createElement("mark");
        mark.className = "hl";
        mark.textContent = text.slice(start, end);
        parts.push(mark);
        last = end;
        count++;
      }
      if (!parts.length) return;
      parts.push(document.createTextNode(text.slice(last)));
      var fragment = document.createDocumentFragment();
      parts.forEach(function (p) { fragment.appendChild(p); });
      node.parentNode.replaceChild(fragment, node);
    });
    return count;
  }

  function run() {
    var words = terms();
    if (!words.length) return;
    // Whole words only; letters and digits of any script count as word characters.
    var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + words.map(escapeRegExp).join("|") + ")(?![\\p{L}\\p{N}])", "gu");
    var found = 0;
    document.querySelectorAll(TEXTS).forEach(function (el) { found += highlight(el, pattern); });
    if (found && !window.location.hash) {
      var first = document.querySelector("mark.hl");
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();

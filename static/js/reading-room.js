// The reader, enhanced. Everything here has a plain-HTML fallback: the tools and the outline are
// <details>, footnote calls are links to the notes, the go-to box is a GET form the server
// answers (?go=3), the view switch is radio buttons that CSS reads.
(function () {
  "use strict";
  var COPY = "button.copy[data-copy], button.cite[data-copy-text]";

  // ---- Copy a permalink (data-copy, a path made absolute) or a citation (data-copy-text).
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
  // The messages are written once, on the container of the rows (data-copied, data-failed…).
  function message(el, name) {
    var holder = el.closest("[data-" + name.replace(/[A-Z]/g, "-$&").toLowerCase() + "]");
    return holder ? holder.dataset[name] : "";
  }
  function feedback(button, label, ok) {
    var text = ok ? message(button, "copied") || "✓" : message(button, "failed") || "✗";
    button.style.minWidth = button.offsetWidth + "px"; // a shorter message must not make the menu jump
    button.classList.toggle("done", ok);
    button.classList.toggle("failed", !ok);
    button.textContent = text;
    var announce = button.classList.contains("cite") && message(button, "announceCitation");
    status().textContent = ok ? announce || text : text;
    clearTimeout(button._restore);
    button._restore = setTimeout(function () {
      button.classList.remove("done", "failed");
      button.innerHTML = label;
    }, 2000);
  }

  // ---- Disclosures (<details>: the tools of a paragraph, the outline): one open at a time,
  // Escape or a click elsewhere closes them.
  function closeDetails(except) {
    document.querySelectorAll("details.tools[open], details.outline[open]").forEach(function (d) {
      if (d !== except && !d.contains(except)) d.open = false;
    });
  }

  // ---- Footnotes shown where they are called. The call stays a link to the note (no script:
  // the jump); here it opens the note beneath it.
  var pop = null;
  function closeNote(focus) {
    if (!pop) return;
    var link = pop._link;
    pop.remove(); pop = null;
    link.setAttribute("aria-expanded", "false");
    link.removeAttribute("aria-controls");
    if (focus) link.focus();
  }
  function openNote(link) {
    var note = document.getElementById(link.getAttribute("href").slice(1));
    var row = link.closest(".row");
    if (!note || !row) return false;
    closeNote(false);
    pop = document.createElement("span");
    pop.className = "fn-pop"; pop.id = "fn-pop"; pop._link = link;
    pop.setAttribute("role", "note");
    pop.setAttribute("aria-label", link.getAttribute("aria-label") || "");
    var number = document.createElement("span");
    number.className = "fn-pop-number"; number.textContent = link.textContent;
    pop.appendChild(number);
    note.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.classList.contains("backref")) return;
      pop.appendChild(node.cloneNode(true));
    });
    var more = document.createElement("a");
    more.className = "fn-pop-more"; more.href = "#" + note.id;
    more.textContent = message(link, "allNotes") || "↓";
    pop.appendChild(more);
    var close = document.createElement("button");
    close.type = "button"; close.className = "fn-pop-close"; close.textContent = "×";
    close.setAttribute("aria-label", message(link, "close") || "×");
    pop.appendChild(close);
    link.parentNode.after(pop);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", pop.id);
    var r = row.getBoundingClientRect(), l = link.getBoundingClientRect();
    var left = Math.max(0, Math.min(l.left - r.left - 24, row.clientWidth - pop.offsetWidth));
    pop.style.top = (l.bottom - r.top + 6) + "px";
    pop.style.left = left + "px";
    var bottom = pop.getBoundingClientRect().bottom;
    if (bottom > window.innerHeight) window.scrollBy(0, Math.min(bottom - window.innerHeight + 12, l.top - barBottom() - 8));
    return true;
  }

  // ---- The bar's height: what a jump to a paragraph must clear (CSS scroll-padding).
  function barBottom() {
    var bar = document.getElementById("reader-bar");
    return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
  }
  function measureBar() {
    var bar = document.getElementById("reader-bar");
    if (bar) document.documentElement.style.setProperty("--bar", bar.offsetHeight + 8 + "px");
  }

  // ---- Go to a paragraph: "op3", "3", "pp12", "12", "3(a)" (as documents/addresses.py reads it).
  function candidates(typed) {
    typed = typed.toLowerCase().replace(/\s+/g, "").slice(0, 40);
    if (!typed) return [];
    var out = [typed];
    var m = /^(?:(pp|op|para|paragraph|par|§|¶)\.?)?(\d{1,4})(?:[.(]?([a-z]{1,2})\)?)?(?:[.(]?([ivx]{1,5})\)?)?$/.exec(typed);
    if (m) {
      var tail = (m[3] ? "." + m[3] : "") + (m[4] ? "." + m[4] : "");
      var kinds = m[1] === "pp" ? ["pp"] : m[1] ? ["op"] : ["op", "pp"];
      kinds.forEach(function (k) { out.push(k + parseInt(m[2], 10) + tail); });
    }
    return out;
  }
  function goTo(form) {
    var box = form.querySelector("input[name=go]"), said = form.querySelector(".goto-status");
    var found = candidates(box.value).map(function (id) { return document.getElementById(id); })
      .filter(function (el) { return el && el.classList.contains("row"); })[0];
    if (!found) {
      said.textContent = (form.dataset.goMissing || "%s").replace("%s", box.value);
      box.setAttribute("aria-invalid", "true");
      box.setAttribute("aria-describedby", said.id);
      return;
    }
    said.textContent = "";
    box.removeAttribute("aria-invalid");
    closeDetails(null);
    if (window.location.hash === "#" + found.id) found.scrollIntoView({ block: "start" });
    else window.location.hash = found.id; // a same-document navigation: :target, history, scroll
  }

  // ---- The view switch keeps the paragraph at the top of the screen (or the targeted one)
  // where it was, keeps #fragment in the URL, and keeps the focus on the switch.
  var anchor = null;
  function remember() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var top = barBottom();
    if (target && target.closest(".reader")) {
      var t = target.getBoundingClientRect();
      if (t.bottom > top && t.top < window.innerHeight) { anchor = { el: target, top: t.top }; return; }
    }
    var main = document.querySelector(".paragraphs");
    if (!main) return;
    var box = main.getBoundingClientRect();
    var hit = document.elementFromPoint(box.left + box.width / 3, top + 12);
    var row = hit && hit.closest && hit.closest(".reader .row");
    anchor = row ? { el: row, top: row.getBoundingClientRect().top } : null;
  }
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; remember(); });
  }, { passive: true });
  function switched(radio) {
    var url = new URL(window.location.href);
    url.searchParams.set("view", radio.value);
    url.searchParams.delete("go");
    history.replaceState(history.state, "", url);
    if (anchor && anchor.el.isConnected) window.scrollBy(0, anchor.el.getBoundingClientRect().top - anchor.top);
    measureBar();
    remember();
  }

  document.addEventListener("click", function (event) {
    var t = event.target;
    var button = t.closest(COPY);
    if (button) {
      var label = button._label || (button._label = button.innerHTML);
      var text = button.dataset.copyText || absolute(button.dataset.copy);
      copy(text).then(
        function () { feedback(button, label, true); },
        function () { feedback(button, label, false); }
      );
      return;
    }
    if (t.closest("button[data-print]")) { window.print(); return; }
    var call = t.closest("sup.fnref a[href^='#fn-']");
    if (call && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      if (pop && pop._link === call) { event.preventDefault(); closeNote(false); return; }
      if (openNote(call)) { event.preventDefault(); return; }
    }
    if (pop && t.closest(".fn-pop-close")) { closeNote(true); return; }
    if (pop && !t.closest(".fn-pop")) closeNote(false);
    if (t.closest(".tools-menu a, .outline-panel a")) { closeDetails(null); return; }
    closeDetails(t.closest("details"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (pop) { closeNote(true); return; }
    var open = document.activeElement && document.activeElement.closest("details[open]");
    open = open || document.querySelector("details.tools[open], details.outline[open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
  document.addEventListener("toggle", function (event) {
    if (event.target.open) closeDetails(event.target);
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target.closest(".reader-bar");
    if (!form) return;
    event.preventDefault();
    goTo(form);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches(".view-switch input[type=radio]")) switched(event.target);
  });

  function enable(root) {
    root.querySelectorAll(COPY + ", button[data-print]").forEach(function (button) { button.hidden = false; });
    status();
    measureBar();
    remember();
  }
  document.addEventListener("DOMContentLoaded", function () { enable(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enable(event.target); });
  // Search as you type: tell the server the last word may be unfinished (it then matches prefixes).
  document.addEventListener("htmx:configRequest", function (event) {
    var cause = event.detail.triggeringEvent;
    if (cause && cause.type === "input") event.detail.headers["X-Search-Typing"] = "1";
  });
  window.addEventListener("resize", measureBar);
})();

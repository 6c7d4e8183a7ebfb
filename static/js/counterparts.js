// A paragraph's counterparts in the documents before and after it (the compare app): fetched once
// the page is shown, because the page is cached with its own document and these depend on others.
// Without this script, the link in the section leads to them.
(function () {
  "use strict";
  function load() {
    document.querySelectorAll("section[data-counterparts]").forEach(function (section) {
      fetch(section.dataset.counterparts, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var holder = document.createElement("template");
          holder.innerHTML = html;
          var fresh = holder.content.querySelector("section.counterparts");
          if (fresh) section.replaceWith(fresh);
        })
        .catch(function () { /* the link stays */ });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
  else load();
})();

// The theme's search, made accessible (WCAG 4.1.2, 4.1.3, 2.4.3): the dialog has a name, the
// number of hits is read out when it changes, and Escape gives the focus back to where it was
// before the search, instead of dropping it at the top of the page.
(function () {
  "use strict";
  var before = null;

  function setUp() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (!dialog || dialog.getAttribute("aria-label")) return;
    dialog.setAttribute("aria-label", "Sök på webbplatsen");
    var meta = dialog.querySelector(".md-search-result__meta");
    if (meta) {
      meta.setAttribute("role", "status");
      meta.setAttribute("aria-live", "polite");
    }
    document.addEventListener("focusin", function (event) {
      if (!dialog.contains(event.target)) before = event.target;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !dialog.contains(document.activeElement)) return;
      // The theme closes the search on this very key press; the focus goes back afterwards.
      window.setTimeout(function () {
        if (document.activeElement && document.activeElement !== document.body) return;
        var target = before && document.contains(before) ? before : document.querySelector(".md-content h1");
        if (!target) return;
        if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }, 0);
    }, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

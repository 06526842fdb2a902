// A table wider than the screen scrolls sideways (DSFR tables, the heatmap, a chart's box, the
// report files' `.scroll` boxes: this script is inlined in them). A region that
// scrolls must be reachable from the keyboard (WCAG 2.1.1, RGAA 12.13): each one that overflows
// gets tabindex="0" and a name, its caption, so arrow keys scroll it once it has the focus.
(function () {
  var SCROLLERS = ".fr-table, .fr-table > div, .fr-table table, .heatmap, .scroll, .chart, .chart-box";

  function scrolls(el) {
    var overflow = window.getComputedStyle(el).overflowX;
    return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }

  function mark() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      if (el.dataset.scrollMarked) {
        if (!scrolls(el)) {
          el.removeAttribute("tabindex");
          delete el.dataset.scrollMarked;
        }
        return;
      }
      if (!scrolls(el)) { return; }
      el.setAttribute("tabindex", "0");
      el.dataset.scrollMarked = "1";
      if (!el.hasAttribute("aria-label") && el.tagName !== "TABLE") {
        // a chart's box (the report's heat map) is named by its section's title
        var section = el.closest("section");
        var caption = el.querySelector("caption") || (section && section.querySelector("h2"));
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tableau");
      }
    });
  }

  var timer = null;
  window.addEventListener("load", mark);
  // a table in a closed <details> has no width until it is opened (the reports' evidence)
  document.addEventListener("toggle", mark, true);
  window.addEventListener("resize", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(mark, 200);
  });
})();

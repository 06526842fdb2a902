// A table wider than the screen scrolls sideways (DSFR tables, the heatmap, a chart's box, the
// report files' `.scroll` boxes: this script is inlined in them). A region that
// scrolls must be reachable from the keyboard (WCAG 2.1.1, RGAA 12.13): each one that overflows
// gets tabindex="0" and a name, its caption, so arrow keys scroll it once it has the focus.
// A box holding a table that scrolls gets a visible cue above it, « Faites défiler le tableau
// horizontalement » (DSFR's shadow at the right edge was the only one), which also describes
// the box to a screen reader; the cue goes when the table fits again.
(function () {
  var SCROLLERS = ".fr-table, .fr-table > div, .fr-table table, .heatmap, .scroll, .chart, .chart-box";
  // the cue's words, in the page's language (data-scroll-hint on <body>)
  var HINT = document.body.getAttribute("data-scroll-hint") ||
    "Faites défiler le tableau horizontalement";
  var hints = 0;

  function scrolls(el) {
    var overflow = window.getComputedStyle(el).overflowX;
    return (overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }

  function addHint(el) {
    if (el.tagName !== "TABLE" && !el.querySelector("table")) { return; }
    var hint = document.createElement("p");
    var arrow = document.createElement("span");
    hint.className = "scroll-hint";
    hint.id = "scroll-hint-" + (hints += 1);
    arrow.setAttribute("aria-hidden", "true");
    arrow.textContent = "\u2194 ";
    hint.appendChild(arrow);
    hint.appendChild(document.createTextNode(HINT));
    place(hint, el);
    el.dataset.scrollHint = hint.id;
    var described = el.getAttribute("aria-describedby");
    el.setAttribute("aria-describedby", described ? described + " " + hint.id : hint.id);
  }

  // The cue goes under the table's caption, over its rows. DSFR draws its caption over the
  // `.fr-table` box (once its script has run): the cue starts that box (above it, the cue stood
  // over the caption, a gap under it). A caption in the box that scrolls (a report file's, kept
  // at the box's left edge by its CSS) takes the cue as its last line, hidden from screen
  // readers there (the box is described by it). With no caption in sight, it stands above.
  function place(hint, el) {
    var wrap = el.closest(".fr-table");
    var caption = el.querySelector("caption") || (el.tagName === "TABLE" && el.caption);
    if (wrap && wrap !== el) {
      var child = el;
      while (child.parentNode !== wrap) { child = child.parentNode; }
      wrap.insertBefore(hint, child);
    } else if (caption && caption.getBoundingClientRect().width > 1) {
      hint.setAttribute("aria-hidden", "true");
      caption.appendChild(hint);
    } else {
      el.parentNode.insertBefore(hint, el);
    }
  }

  function removeHint(el) {
    var id = el.dataset.scrollHint;
    if (!id) { return; }
    var hint = document.getElementById(id);
    if (hint) { hint.parentNode.removeChild(hint); }
    var rest = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (word) {
      return word && word !== id;
    });
    if (rest.length) { el.setAttribute("aria-describedby", rest.join(" ")); }
    else { el.removeAttribute("aria-describedby"); }
    delete el.dataset.scrollHint;
  }

  function mark() {
    document.querySelectorAll(SCROLLERS).forEach(function (el) {
      if (el.dataset.scrollMarked) {
        if (!scrolls(el)) {
          el.removeAttribute("tabindex");
          removeHint(el);
          delete el.dataset.scrollMarked;
        }
        return;
      }
      if (!scrolls(el)) { return; }
      el.setAttribute("tabindex", "0");
      el.dataset.scrollMarked = "1";
      if (!el.hasAttribute("aria-label") && el.tagName !== "TABLE") {
        // a chart's box (the report's heat map) is named by its section's title; named before
        // the cue is written in the caption
        var section = el.closest("section");
        var caption = el.querySelector("caption") || (section && section.querySelector("h2"));
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tableau");
      }
      addHint(el);
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

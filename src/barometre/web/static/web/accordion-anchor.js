// A link to a section folded in a DSFR accordion (/donnees-ouvertes/#table-cellules) opens it:
// the anchor is the accordion's title. On arrival the button is marked open before DSFR's script
// starts (it runs after this one, and opens what is marked so); a link followed later on the
// page clicks the button, as a reader would.
(function () {
  function button() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var title = target && target.closest(".fr-accordion__title");
    return title && title.querySelector(".fr-accordion__btn");
  }
  var first = button();
  if (first) { first.setAttribute("aria-expanded", "true"); }
  window.addEventListener("hashchange", function () {
    var found = button();
    if (found && found.getAttribute("aria-expanded") !== "true") { found.click(); }
  });
})();

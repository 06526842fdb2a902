// Keyboard shortcuts of the cell review: "a" accepts the proposal, "n" opens the next cell,
// "c" moves to the correction form. Ignored while typing in a field, and when a held key
// repeats. Single-key shortcuts can be turned off (WCAG 2.1.4: a voice-input user saying a word
// could accept a proposal); the choice is kept in this browser.
(function () {
  var STORE = "barometre-raccourcis";
  var toggle = document.getElementById("raccourcis-actifs");
  if (toggle) {
    try { toggle.checked = window.localStorage.getItem(STORE) !== "off"; } catch (error) { /* storage refused */ }
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(STORE, toggle.checked ? "on" : "off"); } catch (error) { /* storage refused */ }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (toggle && !toggle.checked) { return; }
    // a held key repeats, and the repeats reach the next cell's page once it opens: one press
    // must decide one cell, the one the auditor was reading
    if (event.repeat) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (event.ctrlKey || event.metaKey || event.altKey || /INPUT|TEXTAREA|SELECT/.test(tag)) { return; }
    var key = event.key.toLowerCase();
    var target = null;
    if (key === "a") { target = document.getElementById("bouton-accepter"); }
    if (key === "n") { target = document.getElementById("lien-suivant"); }
    if (key === "c") { var field = document.getElementById("id_level"); if (field) { field.focus(); event.preventDefault(); } return; }
    if (target) { event.preventDefault(); target.click(); }
  });
})();

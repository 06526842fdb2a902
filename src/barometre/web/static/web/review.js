// Keyboard shortcuts of the cell review: "a" accepts the proposal, "n" opens the next cell,
// "c" moves to the correction form. Ignored while typing in a field.
(function () {
  document.addEventListener("keydown", function (event) {
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

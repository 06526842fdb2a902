// The error summary of a survey page links each error to its radio group's first answer. The
// browser scrolls that answer to the top of the screen, so the statement it answers, the
// group's legend above it, was scrolled out of sight (on a phone, the respondent saw answers
// without their question). A click on such a link shows the legend at the top and puts the
// focus on the answer, as the link says (GOV.UK's error summary does the same).
(function () {
  var summary = document.getElementById("erreur-formulaire");
  if (!summary) return;
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    var fieldset = input && input.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    if (!legend) return;
    event.preventDefault();
    legend.scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();

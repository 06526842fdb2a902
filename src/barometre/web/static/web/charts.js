// Draw every Vega-Lite chart of the page from the specs in #barometre-chart-specs.
// Each chart has its data table beside it, so nothing is lost when scripts are off.
(function () {
  var holder = document.getElementById("barometre-chart-specs");
  if (!holder || typeof vegaEmbed === "undefined") { return; }
  var specs = JSON.parse(holder.textContent);
  var locale = {decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0€"], percent: "\u00a0%"};
  Object.keys(specs).forEach(function (id) {
    var target = document.getElementById("chart-" + id);
    if (!target) { return; }
    var spec = specs[id];
    spec.width = "container";
    vegaEmbed(target, spec, {actions: false, renderer: "svg", formatLocale: locale})
      .catch(function (error) { target.textContent = "Graphique indisponible : " + String(error); });
  });
})();

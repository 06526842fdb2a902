// Draw every Vega-Lite chart of the page from the specs in #barometre-chart-specs.
// Each chart has its data table beside it, so nothing is lost when scripts are off.
(function () {
  var holder = document.getElementById("barometre-chart-specs");
  if (!holder || typeof vegaEmbed === "undefined") { return; }
  var specs = JSON.parse(holder.textContent);
  // Numbers written in the page's language (outputs/charts.py: FORMAT_LOCALE, FORMAT_LOCALE_EN)
  var format = document.getElementById("barometre-chart-format");
  format = format ? JSON.parse(format.textContent) : {};
  var locale = format.locale || {decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0€"], percent: "\u00a0%"};
  var legendLabel = format.legend || "Légende du graphique";
  // Vega places a legend under or beside the plot, right of the axis labels: below this width
  // it runs past the chart's edge and its labels are cut. There the legend is written in HTML
  // under the chart instead, from the colour scale Vega drew with.
  var NARROW = 600;
  var CHANNELS = ["color", "fill", "stroke"];
  // The letters of every chart, which the specs leave to whoever draws them: the page's font
  // (DSFR: Marianne, then Arial) in the size of its small text (.fr-text--sm, 14 px).
  var SIZE = 14;
  var TYPE = {
    font: "Marianne, arial, sans-serif",
    axis: {labelFontSize: SIZE, titleFontSize: SIZE},
    legend: {labelFontSize: SIZE, titleFontSize: SIZE},
    header: {labelFontSize: SIZE, titleFontSize: SIZE},
    title: {fontSize: 16, subtitleFontSize: SIZE},
    text: {fontSize: SIZE}
  };

  // On a narrow screen an axis title is written on one line under the plot, anchored at its end:
  // wider than the box, it ran past the chart's left edge (« des programmes qui parlent de
  // numérique », its first word cut); the labels of a nominal axis took up to 280 px and left the
  // bars a few pixels. There a title takes as many lines as the box needs, such a label as many
  // as LABEL_SHARE of the box needs (its words kept whole: a number's groups are held by a
  // no-break space), each band as high as its labels (where Vega sizes the bands).
  var LABEL_SHARE = 0.45;
  var LINE = 17;  // px between two lines of SIZE px letters
  var ruler = document.createElement("canvas").getContext("2d");

  function wrapped(text, width, bold) {
    ruler.font = (bold ? "bold " : "") + SIZE + "px " + TYPE.font;
    var lines = [];
    String(text).split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && ruler.measureText(lines[last] + " " + word).width <= width) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function wrapLabels(spec, channel, width) {
    var values = (spec.data && spec.data.values) || [];
    var limit = Math.floor(width * LABEL_SHARE), lookup = {}, most = 1;
    values.forEach(function (row) {
      var lines = wrapped(row[channel.field], limit, false);
      if (lines.length > 1) { lookup[row[channel.field]] = lines; }
      most = Math.max(most, lines.length);
    });
    channel.axis = Object.assign({}, channel.axis || {}, {
      labelLimit: limit,
      labelExpr: JSON.stringify(lookup) + "[datum.label] || datum.label"
    });
    return most;
  }

  // How many bars a band of the y axis holds side by side (yOffset: one per campaign).
  function offsets(spec) {
    var offset = spec.encoding && spec.encoding.yOffset, seen = {};
    if (!offset || !offset.field) { return 1; }
    ((spec.data && spec.data.values) || []).forEach(function (row) { seen[row[offset.field]] = 1; });
    return Math.max(1, Object.keys(seen).length);
  }

  function fitAxes(spec, width) {
    // labels are wrapped where the bands' height is left to Vega (the programmes' charts) or set
    // by a step (the campaign report's bars: its domains' names took most of a phone's width,
    // over the values, the plot a few pixels): each band then as high as its labels. A chart
    // drawn by steps both ways (the heat map's square cells) keeps its labels on one line.
    var step = spec.height && spec.height.step;
    var free = spec.height === undefined || Boolean(step && !(spec.width && spec.width.step));
    var most = 1;
    [spec].concat(spec.layer || []).forEach(function (part) {
      var encoding = part.encoding || {};
      ["x", "y"].forEach(function (name) {
        var channel = encoding[name];
        if (!channel) { return; }
        if (typeof channel.title === "string") { channel.title = wrapped(channel.title, width - 12, true); }
        if (name === "y" && channel.type === "nominal" && channel.field && free) {
          most = Math.max(most, wrapLabels(spec, channel, width));
        }
      });
    });
    if (most === 1) { return; }
    var band = most * LINE + 6;
    spec.height = {step: step ? Math.max(step, Math.ceil(band / offsets(spec))) : band};
  }

  function dropLegends(spec) {
    var dropped = false;
    [spec].concat(spec.layer || []).forEach(function (part) {
      var encoding = part.encoding || {};
      CHANNELS.forEach(function (name) {
        if (encoding[name] && encoding[name].legend !== null) {
          encoding[name].legend = null;
          dropped = true;
        }
      });
    });
    return dropped;
  }

  function htmlLegend(target, view) {
    var scale = null;
    try { scale = view.scale("color"); } catch (error) { return; }
    if (!scale || !scale.domain) { return; }
    var list = document.createElement("ul");
    list.className = "chart-legend";
    list.setAttribute("aria-label", legendLabel);
    scale.domain().forEach(function (value) {
      var item = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "chart-legend__swatch";
      swatch.style.background = scale(value);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(String(value)));
      list.appendChild(item);
    });
    target.parentNode.insertBefore(list, target.nextSibling);
  }

  // Each chart is drawn again when its width crosses NARROW (a window resized, a phone turned):
  // the legend it was drawn with, Vega's or the HTML one, no longer fits.
  var drawn = {};

  function draw(id, target, label, side) {
    var narrow = target.clientWidth < NARROW;
    var previous = drawn[id];
    if (previous && previous.narrow === narrow && !side) { return; }
    var spec = JSON.parse(JSON.stringify(specs[id]));  // dropLegends changes the spec it is given
    // a square chart (a radar: its x and y share one scale) keeps its shape, no wider than its
    // box; a chart of fixed width follows its box; one drawn by steps (the heat map's cells)
    // keeps its cells' size and scrolls in its box
    var square = Boolean(spec.usermeta && spec.usermeta.square);
    if (square) {
      side = side || Math.min(spec.width, target.clientWidth);
      spec.width = side;
      spec.height = side;
    } else if (typeof spec.width === "number") { spec.width = "container"; }
    if (narrow) {  // a centred axis title under a narrow plot would run past the right edge
      spec.config = spec.config || {};
      spec.config.axisX = Object.assign({titleAnchor: "end"}, spec.config.axisX || {});
      if (!square) { fitAxes(spec, target.clientWidth); }
    }
    var dropped = narrow && dropLegends(spec);
    var state = {narrow: narrow, view: null};
    drawn[id] = state;
    if (previous && previous.view) { previous.view.finalize(); }
    vegaEmbed(target, spec, {actions: false, renderer: "svg", formatLocale: locale, config: TYPE})
      .then(function (result) {
        if (drawn[id] !== state) { result.view.finalize(); return; }  // a later drawing won
        state.view = result.view;
        // Vega labels its container "Vega visualization": the page's French text stays
        target.setAttribute("role", "img");
        target.setAttribute("aria-label", label);
        target.removeAttribute("aria-roledescription");
        var next = target.nextElementSibling;
        if (next && next.classList.contains("chart-legend")) { next.parentNode.removeChild(next); }
        if (dropped) { htmlLegend(target, result.view); }
        // the labels written round a square plot (a radar's axes) run past it: drawn again
        // smaller until the whole drawing fits its box
        var svg = square && target.querySelector("svg");
        var over = svg ? svg.getBoundingClientRect().width - target.clientWidth : 0;
        if (over > 1 && side > 120) { draw(id, target, label, Math.floor(side - over - 1)); }
      })
      .catch(function (error) { target.textContent = "Graphique indisponible : " + String(error); });
  }

  var charts = [];
  Object.keys(specs).forEach(function (id) {
    var target = document.getElementById("chart-" + id);
    if (!target) { return; }
    charts.push({id: id, target: target, label: target.getAttribute("aria-label")});
  });
  function drawAll() {
    charts.forEach(function (chart) { draw(chart.id, chart.target, chart.label); });
  }
  // Vega measures each label to lay the chart out: measured in the fallback font while the
  // page's is still loading, the longer ones were then drawn past the chart's edge. A page
  // without Marianne (a report file) draws at once, in the fallback.
  if (document.fonts) {
    document.fonts.load(SIZE + "px " + TYPE.font).then(drawAll, drawAll);
  } else {
    drawAll();
  }

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () {
      pending = null;
      drawAll();
    }, 150);
  });
})();

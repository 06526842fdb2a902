document.querySelectorAll(".radar").forEach(function (el) {
  var label = el.getAttribute("aria-label");
  vegaEmbed(el, JSON.parse(el.dataset.spec), {actions: false, renderer: "svg"}).then(function () {
    el.setAttribute("role", "img");  // Vega labels its container "Vega visualization"
    el.setAttribute("aria-label", label);
    el.removeAttribute("aria-roledescription");
  });
});

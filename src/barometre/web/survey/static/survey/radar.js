document.querySelectorAll(".radar").forEach(function (el) {
  vegaEmbed(el, JSON.parse(el.dataset.spec), {actions: false, renderer: "svg"});
});

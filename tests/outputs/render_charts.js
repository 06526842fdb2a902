// Compile each Vega-Lite spec of a report with the vendored libraries and render it to SVG.
// Usage: node render_charts.js specs.json  ->  one line per chart: "<id> <warnings as JSON>"
const vm = require("vm");
const fs = require("fs");
const path = require("path");
const vendor = path.join(__dirname, "..", "..", "src", "barometre", "outputs", "static", "vendor");
for (const name of ["vega.min.js", "vega-lite.min.js"]) {
  vm.runInThisContext(fs.readFileSync(path.join(vendor, name), "utf8"));
}
const specs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
(async () => {
  for (const [id, spec] of Object.entries(specs)) {
    const problems = [];
    const logger = {
      level() { return this; },
      warn: (...args) => problems.push(args.join(" ")),
      error: (...args) => problems.push(args.join(" ")),
      info() {},
      debug() {},
    };
    const compiled = vegaLite.compile(spec, { logger }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    const svg = await view.toSVG();
    if (!svg.startsWith("<svg")) problems.push("no SVG");
    console.log(`${id} ${JSON.stringify(problems)}`);
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});

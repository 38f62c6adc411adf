// Outreach figures: draw the charts from the data the page embeds with json_script (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("outreach-chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#a4161a", "#0d52a0", "#2e7d32", "#d4a017", "#6a1b9a"];

  function draw(name, option) {
    var el = document.querySelector('[data-outreach-chart="' + name + '"]');
    if (!el) { return; }
    var chart = window.echarts.init(el);
    option.color = palette;
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  draw("places", {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 40, right: 10, top: 20, bottom: 60 },
    xAxis: { type: "category", data: data.kinds },
    yAxis: { type: "value" },
    series: data.levels.map(function (level) {
      return { name: level.name, type: "bar", stack: "places", data: level.data };
    })
  });
  draw("activities", {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], data: data.activities }]
  });
  draw("concerns", {
    tooltip: { trigger: "axis" },
    grid: { left: 40, right: 10, top: 20, bottom: 30 },
    xAxis: { type: "category", data: data.concerns.labels },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: data.concerns.values, label: { show: true, position: "top" } }]
  });
})();

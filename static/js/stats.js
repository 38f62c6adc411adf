// Statistics dashboard: a bar chart of one figure across the organisations below (data from #stats-data).
(function () {
  "use strict";
  var dataNode = document.getElementById("stats-data");
  var chartNode = document.getElementById("stats-chart");
  if (!dataNode || !chartNode || !window.echarts) { return; }
  var data = JSON.parse(dataNode.textContent);
  var chart = window.echarts.init(chartNode);
  var select = document.getElementById("chart-figure");
  function draw() {
    var key = select.value;
    chart.setOption({
      tooltip: {},
      grid: { left: 48, right: 16, top: 24, bottom: 72 },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value" },
      series: [{ type: "bar", name: data.names[key], data: data.series[key], itemStyle: { color: "#a4161a" } }]
    });
  }
  select.addEventListener("change", draw);
  window.addEventListener("resize", function () { chart.resize(); });
  draw();
})();

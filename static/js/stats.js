// Statistics dashboard: each key figure's months against the same months last year (#stats-trends), and a bar chart
// of the chosen figure across the organisations below (#stats-data).
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var charts = [];
  function json(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var trends = json("stats-trends") || {};
  var thisYear = document.documentElement.lang === "en" ? "This period" : "本期";
  var lastYear = document.documentElement.lang === "en" ? "Last year" : "去年同期";
  document.querySelectorAll("[data-trend]").forEach(function (node) {
    var trend = trends[node.getAttribute("data-trend")];
    if (!trend) { return; }
    var chart = window.echarts.init(node);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 4, right: 4, top: 6, bottom: 4, containLabel: false },
      xAxis: { type: "category", data: trend.months.map(function (m) { return m + "月"; }), show: false },
      yAxis: { type: "value", show: false },
      series: [
        { type: "line", name: lastYear, data: trend.last, symbol: "none", connectNulls: true, lineStyle: { color: "#8a94a6", type: "dashed", width: 1.5 } },
        { type: "line", name: thisYear, data: trend.this, symbol: "circle", symbolSize: 4, connectNulls: true, lineStyle: { color: "#a4161a", width: 2.5 }, areaStyle: { color: "rgba(164,22,26,0.08)" } }
      ]
    });
    charts.push(chart);
  });
  var data = json("stats-data");
  var chartNode = document.getElementById("stats-chart");
  var select = document.getElementById("chart-figure");
  if (data && chartNode && select) {
    var bar = window.echarts.init(chartNode);
    var draw = function () {
      var key = select.value;
      if (!data.series[key]) {  // a figure not broken down yet: ask the page for it
        var params = new URLSearchParams(window.location.search);
        params.set("figure", key);
        window.location.search = params.toString() + "#bd";
        return;
      }
      bar.setOption({
        tooltip: {},
        grid: { left: 48, right: 16, top: 24, bottom: 72 },
        xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: "value" },
        series: [{ type: "bar", name: data.names[key], data: data.series[key], itemStyle: { color: "#a4161a" } }]
      });
    };
    select.addEventListener("change", draw);
    charts.push(bar);
    draw();
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

// Proposals pages: the reply-rate chart on the supervision page. No inline scripts (CSP).
(function () {
  "use strict";
  var chart = document.getElementById("rate-chart");
  var source = document.getElementById("rate-chart-data");
  if (chart && source && window.echarts) {
    var data = JSON.parse(source.textContent);
    var plot = window.echarts.init(chart);
    plot.setOption({
      title: { text: chart.getAttribute("data-title"), textStyle: { fontSize: 14 } },
      grid: { left: 40, right: 16, bottom: 8, top: 40, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      xAxis: { type: "category", data: data.units, axisLabel: { interval: 0, rotate: data.units.length > 8 ? 40 : 0 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [{ type: "bar", data: data.rates, itemStyle: { color: "#a4161a" }, label: { show: data.units.length <= 15, position: "top" } }]
    });
    window.addEventListener("resize", function () { plot.resize(); });
  }
})();

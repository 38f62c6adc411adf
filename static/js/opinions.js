// Public-opinion reports: the live character count of the report form, and the figures' chart.
(function () {
  "use strict";
  // Counted like the server (zhengxie/opinions/text.py): each CJK character or full-width mark is one, each run of
  // other non-space characters (a Latin word, a number) is one, spaces and line breaks are not counted.
  var CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2010-\u206f";
  var UNIT = new RegExp("[" + CJK + "]|[^\\s" + CJK + "]+", "g");

  function count(text) {
    var found = (text || "").match(UNIT);
    return found ? found.length : 0;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }

  function setupCounter(area) {
    var output = document.getElementById(area.getAttribute("aria-describedby") || "");
    if (!output) { return; }
    var limit = parseInt(area.getAttribute("data-count-limit"), 10);
    function update() {
      var n = count(area.value);
      var text = fill(output.getAttribute("data-template"), {count: n, limit: limit});
      if (n > limit) { text += " · " + fill(output.getAttribute("data-over"), {over: n - limit}); }
      output.textContent = text;
      output.classList.toggle("text-danger", n > limit);
      output.classList.toggle("fw-semibold", n > limit);
    }
    area.addEventListener("input", update);
    update();
  }

  function setupChart(box) {
    var data = document.getElementById("opinion-chart-data");
    if (!window.echarts || !data) { return; }
    var values = JSON.parse(data.textContent);
    var chart = window.echarts.init(box);
    chart.setOption({
      grid: {left: 40, right: 10, top: 10, bottom: 30},
      xAxis: {type: "category", data: values.labels},
      yAxis: {type: "value", minInterval: 1},
      series: [{type: "bar", data: values.values, itemStyle: {color: "#a4161a"}, barMaxWidth: 40}]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll("textarea[data-count-limit]").forEach(setupCounter);
  document.querySelectorAll("[data-chart=opinion-instructions]").forEach(setupChart);
})();

// The bulletin template's preview takes the colours the office chose (no inline styles under the CSP).
document.querySelectorAll(".zx-redhead-masthead[data-colour]").forEach(function (el) {
  el.style.color = el.getAttribute("data-colour");
});
document.querySelectorAll(".zx-redhead-rule[data-colour]").forEach(function (el) {
  el.style.borderBottom = "3px solid " + el.getAttribute("data-colour");
});

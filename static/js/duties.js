// Duty records: the score charts (ECharts) and the rule form. No inline scripts (CSP).
(function () {
  "use strict";
  var TONES = { success: "#198754", primary: "#0d6efd", warning: "#e0a800", danger: "#dc3545" };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function draw(el) {
    var source = data(el.getAttribute("data-source"));
    if (!source || !window.echarts) { return; }
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var kind = el.getAttribute("data-chart");
    var option;
    if (kind === "histogram") {
      option = {
        grid: { left: 40, right: 12, top: 16, bottom: 40 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: source.histogram.labels, axisLabel: { rotate: 30 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", name: el.getAttribute("data-label") || "", data: source.histogram.counts,
                   itemStyle: { color: "#a4161a" }, barMaxWidth: 36 }]
      };
    } else {
      option = {
        tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
        series: [{ type: "pie", radius: ["40%", "70%"], label: { formatter: "{b}\n{c}" },
                   data: source.bands.map(function (b) {
                     return { name: b.label, value: b.count, itemStyle: { color: TONES[b.tone] || "#6c757d" } };
                   }) }]
      };
    }
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function ruleForm(form) {
    var kind = form.querySelector("select[name=kind]");
    var mode = form.querySelector("select[name=mode]");
    var share = form.querySelector("[name=first_share]");
    function update() {
      form.querySelectorAll("[data-condition]").forEach(function (block) {
        var kinds = (block.getAttribute("data-kinds") || "").split(" ");
        block.hidden = kinds.indexOf(kind.value) === -1;
      });
      if (share && mode) { share.closest(".mb-3").hidden = mode.value !== "joint"; }
    }
    kind.addEventListener("change", update);
    if (mode) { mode.addEventListener("change", update); }
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("[data-rule-form]").forEach(ruleForm);
  });
})();

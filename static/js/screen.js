// The big screen: fetches its JSON (data-url on <body>) now and every data-refresh seconds, and draws it.
(function () {
  "use strict";
  var body = document.body;
  var url = body.getAttribute("data-url");
  var every = parseInt(body.getAttribute("data-refresh") || "60", 10) * 1000;
  var charts = {};
  var palette = ["#f2b705", "#4cc3ff", "#ff6b6b", "#7ddc8a"];
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function chart(id) {
    if (!charts[id] && window.echarts) { charts[id] = window.echarts.init(document.getElementById(id)); }
    return charts[id];
  }
  function list(id, rows, render, none) {
    var ul = document.getElementById(id);
    ul.textContent = "";
    if (!rows.length) { ul.appendChild(el("li", "none", none)); return; }
    rows.forEach(function (row) {
      var li = el("li");
      var parts = render(row);
      li.appendChild(el("span", "t", parts[0]));
      li.appendChild(el("span", "n", parts[1]));
      ul.appendChild(li);
    });
  }
  var axis = { color: "#c9d6e8", fontSize: 16 };
  function draw(data) {
    document.getElementById("screen-year").textContent = data.year;
    document.getElementById("screen-updated").textContent = data.updated;
    var figures = document.getElementById("screen-figures");
    figures.textContent = "";
    data.figures.forEach(function (f) {
      var card = el("div", "zx-screen-figure");
      card.appendChild(el("div", "label", f.label));
      var value = el("div", "value", f.value);
      if (f.unit && f.value !== "—") { value.appendChild(el("span", "unit", f.unit)); }
      card.appendChild(value);
      figures.appendChild(card);
    });
    var trend = chart("screen-trend");
    if (trend && data.trends.length) {
      trend.setOption({
        color: palette, textStyle: { fontSize: 16 },
        legend: { textStyle: { color: "#e8eef7", fontSize: 18 }, top: 0 },
        grid: { left: 56, right: 24, top: 44, bottom: 36 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.trends[0].months.map(function (m) { return m + "月"; }), axisLabel: axis },
        yAxis: { type: "value", axisLabel: axis, splitLine: { lineStyle: { color: "#24406b" } } },
        series: data.trends.map(function (t) { return { type: "line", name: t.label, data: t.values, smooth: true, lineStyle: { width: 3 } }; })
      }, true);
    }
    var orgs = chart("screen-breakdown");
    document.getElementById("screen-breakdown-title").textContent = data.breakdown.label;
    if (orgs) {
      orgs.setOption({
        grid: { left: 130, right: 40, top: 8, bottom: 24 },
        tooltip: {},
        xAxis: { type: "value", axisLabel: axis, splitLine: { lineStyle: { color: "#24406b" } } },
        yAxis: { type: "category", data: data.breakdown.names.slice().reverse(), axisLabel: axis },
        series: [{ type: "bar", data: data.breakdown.values.slice().reverse(), itemStyle: { color: "#f2b705" },
                   label: { show: true, position: "right", color: "#fff", fontSize: 16 } }]
      }, true);
    }
    var labels = data.labels;
    list("screen-meetings", data.meetings, function (m) { return [m.time + " " + m.title, m.present + "/" + m.invited + " " + labels.present]; }, labels.none);
    document.getElementById("screen-overdue-count").textContent = data.overdue.count;
    list("screen-overdue", data.overdue.rows, function (t) { return [t.title + " · " + t.unit, t.days + " " + labels.days]; }, labels.none);
    document.getElementById("screen-adopted-count").textContent = data.adopted.count;
    list("screen-adopted", data.adopted.rows, function (a) { return [a.title, a.by]; }, labels.none);
  }
  function load() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(draw)
      .catch(function () { document.getElementById("screen-updated").textContent = "—"; });
  }
  window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  load();
  window.setInterval(load, every);
})();

// Activities: show the fields that belong to the chosen type, the leave reason, the contest countdown.
(function () {
  "use strict";
  // <div data-show-for-type="meeting"> is shown only when the form's type select says "meeting".
  function syncType() {
    var select = document.querySelector('select[name="type"]');
    if (!select) { return; }
    document.querySelectorAll("[data-show-for-type]").forEach(function (box) {
      box.hidden = box.getAttribute("data-show-for-type") !== select.value;
    });
  }
  // The reason box of the answer form is shown for a leave request only.
  function syncReason() {
    var box = document.querySelector("[data-leave-reason]");
    if (!box) { return; }
    var chosen = document.querySelector('.zx-respond input[name="answer"]:checked');
    box.hidden = !chosen || chosen.value !== "leave";
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "type") { syncType(); }
    if (event.target.name === "answer") { syncReason(); }
  });
  // The countdown of a contest attempt: <span data-countdown="seconds">; at zero the answers are handed in.
  function countdown() {
    var el = document.querySelector("[data-countdown]");
    if (!el) { return; }
    var left = parseInt(el.getAttribute("data-countdown"), 10);
    function show() {
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = m + ":" + (s < 10 ? "0" : "") + s;
    }
    show();
    var timer = window.setInterval(function () {
      left -= 1;
      if (left <= 0) {
        window.clearInterval(timer);
        left = 0;
        show();
        var form = document.querySelector("form[data-attempt]");
        if (form) { form.submit(); }
        return;
      }
      show();
    }, 1000);
  }
  document.addEventListener("DOMContentLoaded", function () { syncType(); syncReason(); countdown(); });
})();

// The seating plan's print button prints the page (the link keeps working without scripts).
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-print]");
  if (el) {
    event.preventDefault();
    window.print();
  }
});

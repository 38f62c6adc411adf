// Zhengxie: small behaviours shared by every page. No inline scripts (the CSP forbids them).
(function () {
  "use strict";
  // Confirm dangerous actions: <button data-confirm="…">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
  // Auto-submit filter forms on change: <form data-autosubmit>
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form) {
      if (window.htmx && form.hasAttribute("hx-get")) { window.htmx.trigger(form, "submit"); } else { form.submit(); }
    }
  });
  // Select all checkboxes: <input type="checkbox" data-select-all="name">
  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute && event.target.getAttribute("data-select-all");
    if (name) {
      document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });
  // Characters used against the limit, shown while typing: <textarea maxlength="5000" data-counter>
  function count(field) {
    var counter = field.zxCounter;
    if (!counter) {
      counter = field.zxCounter = document.createElement("div");
      counter.className = "form-text text-end zx-counter";
      field.insertAdjacentElement("afterend", counter);
    }
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    counter.textContent = field.value.length + " / " + limit;
    counter.classList.toggle("text-danger", field.value.length >= limit * 0.95);
  }
  document.querySelectorAll("textarea[data-counter][maxlength]").forEach(count);
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-counter][maxlength]")) { count(event.target); }
  });
  // Copy to clipboard: <button data-copy="#id">
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-copy]");
    if (el) {
      var target = document.querySelector(el.getAttribute("data-copy"));
      if (target && navigator.clipboard) { navigator.clipboard.writeText(target.value || target.textContent); }
    }
  });
})();

/* The installable app: register the service worker, forget the cached pages on logout (and whenever a page
   without a logged-in user is shown), and the "add to home screen" hint on the member's workbench. */
(function () {
  "use strict";
  var PAGES = "zx-pages";
  var loggedIn = !!document.querySelector('form[action$="/accounts/logout/"]');

  function forgetPages() {
    var done = [];
    if (window.caches) { done.push(caches.delete(PAGES)); }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    return Promise.all(done);
  }

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () { /* an old browser: a web site */ });
  }
  if (!loggedIn) { forgetPages(); }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches('form[action$="/accounts/logout/"]') || form.dataset.zxForgotten) { return; }
    event.preventDefault();
    form.dataset.zxForgotten = "1";
    forgetPages().finally(function () { form.submit(); });
  }, true);

  var hint = document.getElementById("zx-install-hint");
  var standalone = window.matchMedia && window.matchMedia("(display-mode: standalone)").matches;
  var dismissed = false;
  try { dismissed = localStorage.getItem("zx-install-dismissed") === "1"; } catch (e) { dismissed = false; }
  if (!hint || standalone || navigator.standalone || dismissed) { return; }
  hint.hidden = false;
  var install = hint.querySelector("[data-zx-install]");
  var prompt = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    prompt = event;
    install.hidden = false;
    hint.querySelector("[data-zx-install-manual]").hidden = true;
  });
  install.addEventListener("click", function () {
    if (prompt) { prompt.prompt(); prompt = null; hint.hidden = true; }
  });
  hint.querySelector("[data-zx-install-dismiss]").addEventListener("click", function () {
    hint.hidden = true;
    try { localStorage.setItem("zx-install-dismissed", "1"); } catch (e) { /* private mode */ }
  });
})();

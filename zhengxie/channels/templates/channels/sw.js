/* The platform's service worker: the shell cached for a poor connection, and the member's last pages
   (network first; the cached copy only when the network fails). The pages' cache is emptied on logout and on
   the login page (static/js/pwa.js), so nobody ever sees another person's pages. */
const VERSION = "{{ version }}";
const SHELL = "zx-shell-" + VERSION;
const PAGES = "zx-pages";
const KEEP_PAGES = 20;
const SHELL_URLS = {{ shell|safe }};
const NEVER = ["/accounts/", "/admin/", "/api/", "/s/", "/sw.js"];

self.addEventListener("install", (event) => {
  // Fetched without cookies: nothing in the shell belongs to the person logged in.
  const requests = SHELL_URLS.map((u) => new Request(u, { credentials: "omit" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((n) => n.startsWith("zx-shell-") && n !== SHELL).map((n) => caches.delete(n))
  )).then(() => self.clients.claim()));
});

async function remember(request, response) {
  const cache = await caches.open(PAGES);
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(keys.length - KEEP_PAGES, 0))) { await cache.delete(old); }
}

async function page(request) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && response.type === "basic") {
      await remember(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: PAGES });
    return cached || (await caches.match("/offline/", { cacheName: SHELL })) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || NEVER.some((p) => url.pathname.startsWith(p))) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request)));
  }
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget") {
    event.waitUntil(caches.delete(PAGES).then(() => event.source && event.source.postMessage({ type: "forgotten" })));
  }
});

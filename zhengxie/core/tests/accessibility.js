// The page checks of test_e2e_accessibility.py, run in the browser: text contrast (WCAG 2.1 AA: 4.5:1, 3:1 for
// large text) against the colour actually behind it, an accessible name for every form field and, on a phone,
// no text under 16 px and no button, field or menu entry less than 44 px high.
(phone) => {
  function parse(c) { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(x => parseFloat(x)); return {r:p[0], g:p[1], b:p[2], a: p.length > 3 ? p[3] : 1}; }
  function lum(c) { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b); }
  function blend(top, bottom) { const a = top.a; return {r: top.r*a + bottom.r*(1-a), g: top.g*a + bottom.g*(1-a), b: top.b*a + bottom.b*(1-a), a: 1}; }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage && s.backgroundImage !== 'none') return null;  // gradients, images: not judged here
      const c = parse(s.backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let bg = {r:255, g:255, b:255, a:1};
    for (let i = layers.length - 1; i >= 0; i--) bg = blend(layers[i], bg);
    return bg;
  }
  const problems = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => n.textContent.trim()).join(' ');
    if (!own) continue;
    if (el.closest('[disabled], .disabled, [aria-hidden=true]')) continue;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;
    const fg = parse(s.color); const bg = background(el); if (!fg || !bg) continue;
    const f = blend(fg, bg);
    const l1 = lum(f), l2 = lum(bg); const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const need = large ? 3 : 4.5;
    if (phone && size < 16) { const key = 'size' + el.tagName + el.className; if (!seen.has(key)) { seen.add(key); problems.push(`text of ${size}px on a phone: <${el.tagName.toLowerCase()} class="${el.className}"> "${own.slice(0, 30)}"`); } }
    if (ratio < need) { const key = el.tagName + el.className + s.color; if (!seen.has(key)) { seen.add(key); problems.push(`contrast ${ratio.toFixed(2)} < ${need}: <${el.tagName.toLowerCase()} class="${el.className}"> "${own.slice(0, 30)}" ${s.color} on rgb(${Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)})`); } }
  }
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button' || !el.offsetParent) continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title');
    if (!named) problems.push(`no label: <${el.tagName.toLowerCase()} name="${el.name}" type="${el.type}">`);
  }
  if (phone) {
    for (const el of document.querySelectorAll('.btn, button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, .nav-link, .page-link')) {
      if (!el.offsetParent || el.closest('[aria-hidden=true]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height < 43.5) problems.push(`touch target ${Math.round(r.width)}x${Math.round(r.height)} px on a phone: <${el.tagName.toLowerCase()} class="${el.className}"> "${(el.innerText || el.name || '').trim().slice(0, 30)}"`);
    }
  }
  return problems;
}

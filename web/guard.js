// guard.js — inlined into dist/index.html (allowed by its sha256 hash in the page's policy) and
// into dist/lrplay.html. Runs before anything else: once the document has loaded, if the page's
// script never started (it marks <html data-booting>), the page says so in words and tells its
// parent (the same {source: 'lrplay', version: 1, type: 'error', message} as the page does).
// One case is repaired instead: a sandboxed frame (an opaque origin) where the browser does not
// let 'self' in the policy match the page's own files (WebKit) gets the self-contained
// lrplay.html, whose policy names its inline code by hash and so works in any origin.
// Plain ES5 on purpose: it must run (and say something) in any browser.
(function () {
  var root = document.documentElement;
  function framed() { try { return window.parent !== window; } catch (e) { return true; } }
  function check() {
    if (root.getAttribute('data-booting')) return;
    var inFrame = framed();
    var single = /(^|\/)lrplay\.html$/.test(location.pathname);
    if (inFrame && !single && self.origin === 'null' && /^https?:$/.test(location.protocol)) {
      location.replace('lrplay.html' + location.search + location.hash);
      return;
    }
    var why = typeof WebAssembly !== 'object'
      ? 'this browser has no WebAssembly'
      : 'its script (lrplay.js) was blocked or could not be loaded';
    var el = document.getElementById('engine');
    if (el) {
      el.textContent = 'The page could not start: ' + why + '. It needs a browser with JavaScript, ' +
        'WebAssembly and Web Workers, and its own files next to it.';
      el.className += ' error';
    }
    if (inFrame) {
      try {
        window.parent.postMessage({ source: 'lrplay', version: 1, type: 'error', message: 'the page could not start: ' + why }, '*');
      } catch (e) { /* nobody to tell */ }
    }
  }
  window.addEventListener('load', function () { setTimeout(check, 0); });
}());

/* global window, document, fetch, URLSearchParams, FormData, DOMParser, setTimeout, clearTimeout */
// Live preview for the record editor (a small island; the page works without it through the
// "预览" button). The form as typed is posted to the server, which renders exactly what the
// public page would show, masking included; the answer replaces the preview pane.
(function () {
  'use strict';
  var form = document.getElementById('editor-form');
  var pane = document.getElementById('preview');
  if (!form || !pane || !window.fetch || !window.DOMParser) return;
  var url = form.getAttribute('data-preview');
  var timer = null;
  var latest = 0;

  function refresh() {
    var mine = ++latest;
    var body = new URLSearchParams(new FormData(form));
    body.delete('intent');
    pane.setAttribute('aria-busy', 'true');
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html === null || mine !== latest) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('preview');
        if (fresh) pane.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* keep the last preview */ })
      .then(function () { if (mine === latest) pane.removeAttribute('aria-busy'); });
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 100);
  });
})();

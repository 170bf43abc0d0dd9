/* Gongkai electronic bulletin screen. Shows one slide at a time for its seconds, when the server
   says it may play (data-on-air: the screen's hours and each slide's windows as [start, end)
   instants; the time-of-day rule itself runs on the server only); polls for new content and
   swaps it in between slides (no flicker); when the server cannot be reached it keeps playing
   what it has, on the hours last sent; reports each play with the screen's key. */
/* global window, document, location, fetch, setTimeout, setInterval */
(function () {
  'use strict';
  var body = document.body;
  var code = body.getAttribute('data-code');
  var orientation = body.getAttribute('data-orientation');
  var actual = window.innerHeight > window.innerWidth ? 'portrait' : 'landscape';
  if (actual !== orientation && !/[?&]o=/.test(location.search)) {
    location.replace(location.pathname + '?o=' + actual + location.hash);
    return;
  }
  var store = window.localStorage;
  var keyMatch = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  var key = keyMatch ? decodeURIComponent(keyMatch[1]) : store && store.getItem('gk-screen-key-' + code);
  if (keyMatch && store) store.setItem('gk-screen-key-' + code, key);
  var stage = document.getElementById('stage');
  var standby = document.getElementById('standby');
  var offline = document.getElementById('offline');
  var clock = document.getElementById('clock');
  var hash = body.getAttribute('data-hash');
  var onAir = readOnAir(body.getAttribute('data-on-air'));
  var pending = null;
  var index = -1;
  var queueKey = 'gk-screen-plays-' + code;
  var queue = [];
  try { queue = JSON.parse((store && store.getItem(queueKey)) || '[]'); } catch { queue = []; }

  function beijing() {
    var parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(new Date()).split(':');
    return { h: Number(parts[0]) % 24, m: Number(parts[1]), s: parts[2] };
  }
  function readOnAir(json) {
    try { var v = JSON.parse(json || '{}'); return { on: v.on || null, slides: v.slides || {} }; } catch { return { on: null, slides: {} }; }
  }
  /* Spans as the server sent them; null (or none sent for a slide) means no restriction. */
  function allowed(spans, now) {
    if (!spans) return true;
    return spans.some(function (s) { return now >= s[0] && now < s[1]; });
  }
  function slides() { return Array.prototype.slice.call(stage.querySelectorAll('.slide:not([data-old])')); }
  function scaleToFit() {
    var w = orientation === 'portrait' ? 1080 : 1920, h = orientation === 'portrait' ? 1920 : 1080;
    document.documentElement.style.setProperty('--scale', String(Math.min(window.innerWidth / w, window.innerHeight / h)));
  }
  /* Last resort if the planned page does not fit this screen's font: smaller type, never scrolling. */
  function fit(slide) {
    var content = slide.querySelector('.content');
    var f = 1;
    content.style.setProperty('--fit', '1');
    while (content.scrollHeight > content.clientHeight + 1 && f > 0.6) {
      f -= 0.04;
      content.style.setProperty('--fit', String(f));
    }
  }
  function persist() { try { if (store) store.setItem(queueKey, JSON.stringify(queue.slice(-2000))); } catch { /* storage full: the oldest plays wait */ } }
  function logPlay(slide, seconds) {
    if (!key || slide.getAttribute('data-empty')) return;
    queue.push({ r: slide.getAttribute('data-record'), v: Number(slide.getAttribute('data-version')), p: Number(slide.getAttribute('data-page')), at: new Date().toISOString(), s: seconds });
    persist();
  }
  function flush() {
    if (!key || queue.length === 0) return;
    var batch = queue.slice(0, 200);
    fetch('/screen/' + code + '/plays', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key }, body: JSON.stringify({ plays: batch }) })
      .then(function (res) { if (res.ok || res.status === 400) { queue = queue.slice(batch.length); persist(); } })
      .catch(function () { /* kept for the next try */ });
  }
  function show(next) {
    Array.prototype.forEach.call(stage.querySelectorAll('.slide.current'), function (s) { if (s !== next) s.classList.remove('current'); });
    next.classList.add('current');
  }
  /* New content arrives beside the slide on show, which fades out under the first new one. */
  function swapIn() {
    var shown = stage.querySelector('.slide.current');
    slides().forEach(function (s) { if (s !== shown) s.parentNode.removeChild(s); });
    if (shown) {
      shown.setAttribute('data-old', '1');
      setTimeout(function () { if (shown.parentNode) shown.parentNode.removeChild(shown); }, 1500);
    }
    var holder = document.createElement('div');
    holder.innerHTML = pending;
    while (holder.firstChild) stage.appendChild(holder.firstChild);
    pending = null;
    index = -1;
  }
  function tick() {
    if (pending !== null) swapIn();
    var now = Date.now();
    if (!allowed(onAir.on, now)) {
      standby.hidden = false;
      return setTimeout(tick, 30000);
    }
    standby.hidden = true;
    var all = slides();
    var playable = all.filter(function (s) { return !s.getAttribute('data-empty') && allowed(onAir.slides[s.getAttribute('data-windows') || ''], now); });
    var next;
    if (playable.length === 0) next = all[all.length - 1];
    else {
      var after = playable.filter(function (s) { return all.indexOf(s) > index; });
      next = after.length > 0 ? after[0] : playable[0];
    }
    index = all.indexOf(next);
    fit(next);
    show(next);
    var seconds = Number(next.getAttribute('data-seconds')) || 15;
    logPlay(next, seconds);
    setTimeout(tick, seconds * 1000);
  }
  function poll() {
    fetch('/screen/' + code + '/slides.json?o=' + orientation, { cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
      .then(function (data) {
        offline.hidden = true;
        if (data.onAir) onAir = { on: data.onAir.on || null, slides: data.onAir.slides || {} };
        if (data.hash !== hash) {
          hash = data.hash;
          pending = data.html;
          body.setAttribute('data-on-hours', data.onHours || '');
        }
      })
      .catch(function () { offline.hidden = false; });
  }
  function showClock() { var t = beijing(); clock.textContent = (t.h < 10 ? '0' : '') + t.h + ':' + (t.m < 10 ? '0' : '') + t.m; }
  scaleToFit();
  window.addEventListener('resize', scaleToFit);
  showClock();
  setInterval(showClock, 5000);
  tick();
  setInterval(poll, (Number(body.getAttribute('data-poll')) || 60) * 1000);
  window.addEventListener('gk-poll', poll);
  setInterval(flush, 60000);
  setTimeout(flush, 5000);
})();

// Velithon memory dashboard: polls the stats endpoint and draws each series on its own canvas, with the configured
// limit as a dashed line where there is one and the time of each sample along the bottom.
(function () {
  "use strict";
  var statsUrl = document.body.getAttribute("data-stats-url");
  var maxPoints = 120;
  var intervalMs = 2000;
  var mib = 1048576;

  // read(stats) gives the value, or null when the app does not have the component (its panel is hidden);
  // limit(stats), when present, the configured bound drawn beside it.
  var series = {
    memory: { unit: " MiB", fixedMax: null, read: function (s) { return s.gc.totalMemoryBytes / mib; } },
    cache: { unit: " %", fixedMax: 100, read: function (s) { return s.responseCache.hitRatePercent; } },
    endpoint: { unit: " %", fixedMax: 100, read: function (s) { return s.endpointCache ? s.endpointCache.hitRatePercent : null; } },
    endpointBytes: {
      unit: " MiB", fixedMax: null,
      read: function (s) { return s.endpointCache ? s.endpointCache.memoryBytes / mib : null; },
      limit: function (s) { return s.endpointCache ? s.endpointCache.maxMemoryBytes / mib : null; }
    },
    pool: { unit: " %", fixedMax: 100, read: function (s) { return s.pool.hitRatePercent; } },
    interner: { unit: " %", fixedMax: 100, read: function (s) { return s.interner.hitRatePercent; } },
    queue: {
      unit: "", fixedMax: null,
      read: function (s) { return s.tasks ? s.tasks.queued : null; },
      limit: function (s) { return s.tasks ? s.tasks.maxQueueLength : null; }
    }
  };
  Object.keys(series).forEach(function (name) { series[name].points = []; series[name].times = []; series[name].bound = null; });

  function format(value, unit) {
    return value.toFixed(unit === "" ? 0 : 1) + unit;
  }

  function draw(name) {
    var s = series[name];
    var canvas = document.getElementById("c-" + name);
    var ctx = canvas.getContext("2d");
    var ratio = window.devicePixelRatio || 1;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    if (w === 0 || h === 0) { return; }
    if (canvas.width !== w * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var styles = getComputedStyle(document.documentElement);
    var left = 44, bottom = 28, top = 10;
    var plotH = h - bottom - top;
    var max = s.fixedMax;
    if (max === null) {
      max = 1;
      for (var i = 0; i < s.points.length; i++) { if (s.points[i] > max) { max = s.points[i]; } }
      if (s.bound !== null && s.bound > max) { max = s.bound; }
      max *= 1.1;
    }
    function yOf(v) { return h - bottom - plotH * Math.min(v, max) / max; }
    ctx.strokeStyle = styles.getPropertyValue("--grid").trim();
    ctx.fillStyle = styles.getPropertyValue("--muted").trim();
    ctx.font = "11px system-ui, sans-serif";
    ctx.lineWidth = 1;
    for (var g = 0; g <= 4; g++) {
      var y = Math.round(yOf(max * g / 4)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(w, y); ctx.stroke();
      ctx.fillText((max * g / 4).toFixed(max < 10 ? 1 : 0), 0, y + 4);
    }

    // Time axis: the window the chart spans, ending now.
    var spanSeconds = maxPoints * intervalMs / 1000;
    for (var t = 0; t <= 4; t++) {
      var x = left + (w - left) * t / 4;
      var secondsAgo = spanSeconds * (4 - t) / 4;
      var label = secondsAgo === 0 ? "now" : "-" + Math.floor(secondsAgo / 60) + ":" + ("0" + (secondsAgo % 60)).slice(-2);
      ctx.fillText(label, Math.min(x, w - ctx.measureText(label).width), h - 8);
    }

    if (s.bound !== null) {
      var ly = Math.round(yOf(s.bound)) + 0.5;
      ctx.save();
      ctx.strokeStyle = styles.getPropertyValue("--limit").trim();
      ctx.setLineDash([6, 4]);
      ctx.beginPath(); ctx.moveTo(left, ly); ctx.lineTo(w, ly); ctx.stroke();
      ctx.restore();
      ctx.fillStyle = styles.getPropertyValue("--limit").trim();
      var text = "limit " + format(s.bound, s.unit);
      ctx.fillText(text, w - ctx.measureText(text).width, ly - 4);
    }

    if (s.points.length < 2) { return; }
    ctx.strokeStyle = styles.getPropertyValue("--line").trim();
    ctx.lineWidth = 2;
    ctx.beginPath();
    var offset = maxPoints - s.points.length; // the newest sample is at the right edge
    for (var p = 0; p < s.points.length; p++) {
      var px = left + (w - left) * (offset + p) / (maxPoints - 1);
      if (p === 0) { ctx.moveTo(px, yOf(s.points[p])); } else { ctx.lineTo(px, yOf(s.points[p])); }
    }
    ctx.stroke();
  }

  function record(stats) {
    Object.keys(series).forEach(function (name) {
      var s = series[name];
      var raw = s.read(stats);
      var canvas = document.getElementById("c-" + name);
      // A component the app does not register hides its panel.
      canvas.parentNode.hidden = raw === null;
      if (raw === null) { return; }
      var value = Number(raw) || 0;
      s.points.push(value);
      if (s.points.length > maxPoints) { s.points.shift(); }
      s.bound = s.limit ? s.limit(stats) : null;

      // What the chart shows, for tools and tests that read the page (a canvas has no DOM of its own).
      canvas.setAttribute("data-points", String(s.points.length));
      canvas.setAttribute("data-last", String(value));
      if (s.bound !== null) { canvas.setAttribute("data-limit", String(s.bound)); }
      document.getElementById("v-" + name).textContent = format(value, s.unit);
      draw(name);
    });
    renderEndpoints(stats.endpointCache ? stats.endpointCache.endpoints : null);
    var status = document.getElementById("status");
    status.textContent = (stats.underPressure ? "under memory pressure" : "ok") + " \u00b7 load " +
      stats.gc.memoryLoadPercent.toFixed(1) + " % \u00b7 " + new Date(stats.timestamp).toLocaleTimeString();
    status.className = stats.underPressure ? "pressure" : "";
  }

  // One row per cached endpoint; text only (textContent), the names come from the app's routes.
  function renderEndpoints(endpoints) {
    var section = document.getElementById("endpoints");
    section.hidden = !endpoints;
    if (!endpoints) { return; }
    var body = document.getElementById("t-endpoints");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    endpoints.forEach(function (e) {
      var row = document.createElement("tr");
      row.setAttribute("data-endpoint", e.endpoint);
      [e.endpoint, String(e.hits), String(e.misses), e.hitRatePercent.toFixed(1) + " %", String(e.entries),
        (e.memoryBytes / mib).toFixed(2) + " MiB", String(e.evictions)].forEach(function (text) {
        var cell = document.createElement("td");
        cell.textContent = text;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  function poll() {
    fetch(statsUrl, { cache: "no-store" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(record)
      .catch(function (e) { document.getElementById("status").textContent = "stats unavailable: " + e.message; })
      .then(function () { setTimeout(poll, intervalMs); });
  }

  window.addEventListener("resize", function () { Object.keys(series).forEach(draw); });
  poll();
})();

// Velithon memory dashboard: polls the stats endpoint and draws each series on its own canvas.
(function () {
  "use strict";
  var statsUrl = document.body.getAttribute("data-stats-url");
  var maxPoints = 120;
  var intervalMs = 2000;
  var series = {
    memory: { points: [], unit: " MiB", fixedMax: null, read: function (s) { return s.gc.totalMemoryBytes / 1048576; } },
    cache: { points: [], unit: " %", fixedMax: 100, read: function (s) { return s.responseCache.hitRatePercent; } },
    endpoint: { points: [], unit: " %", fixedMax: 100, read: function (s) { return s.endpointCache ? s.endpointCache.hitRatePercent : null; } },
    pool: { points: [], unit: " %", fixedMax: 100, read: function (s) { return s.pool.hitRatePercent; } },
    queue: { points: [], unit: "", fixedMax: null, read: function (s) { return s.tasks ? s.tasks.queued : 0; } }
  };

  function draw(name) {
    var s = series[name];
    var canvas = document.getElementById("c-" + name);
    var ctx = canvas.getContext("2d");
    var ratio = window.devicePixelRatio || 1;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== w * ratio) { canvas.width = w * ratio; canvas.height = h * ratio; }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var styles = getComputedStyle(document.documentElement);
    var max = s.fixedMax;
    if (max === null) {
      max = 1;
      for (var i = 0; i < s.points.length; i++) { if (s.points[i] > max) { max = s.points[i]; } }
      max *= 1.1;
    }
    ctx.strokeStyle = styles.getPropertyValue("--grid").trim();
    ctx.fillStyle = styles.getPropertyValue("--muted").trim();
    ctx.font = "11px system-ui, sans-serif";
    ctx.lineWidth = 1;
    for (var g = 0; g <= 4; g++) {
      var y = Math.round(h - 14 - (h - 24) * g / 4) + 0.5;
      ctx.beginPath(); ctx.moveTo(36, y); ctx.lineTo(w, y); ctx.stroke();
      ctx.fillText((max * g / 4).toFixed(max < 10 ? 1 : 0), 0, y + 4);
    }
    // How many samples the chart holds, for tools and tests that read the page (a canvas has no DOM of its own).
    canvas.setAttribute("data-points", String(s.points.length));
    if (s.points.length < 2) { return; }
    ctx.strokeStyle = styles.getPropertyValue("--line").trim();
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (var p = 0; p < s.points.length; p++) {
      var x = 36 + (w - 36) * p / (maxPoints - 1);
      var yy = h - 14 - (h - 24) * Math.min(s.points[p], max) / max;
      if (p === 0) { ctx.moveTo(x, yy); } else { ctx.lineTo(x, yy); }
    }
    ctx.stroke();
  }

  function record(stats) {
    Object.keys(series).forEach(function (name) {
      var s = series[name];
      var raw = s.read(stats);
      var panel = document.getElementById("c-" + name).parentNode;
      // A series the app does not have (no [VelithonCached] store registered) hides its panel.
      panel.hidden = raw === null;
      if (raw === null) { return; }
      var value = Number(raw) || 0;
      s.points.push(value);
      if (s.points.length > maxPoints) { s.points.shift(); }
      document.getElementById("v-" + name).textContent = value.toFixed(s.unit === "" ? 0 : 1) + s.unit;
      draw(name);
    });
    var status = document.getElementById("status");
    status.textContent = (stats.underPressure ? "under memory pressure" : "ok") + " \u00b7 load " +
      stats.gc.memoryLoadPercent.toFixed(1) + " % \u00b7 " + new Date(stats.timestamp).toLocaleTimeString();
    status.className = stats.underPressure ? "pressure" : "";
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

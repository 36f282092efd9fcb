// Renders the cjkclean HTML report from its embedded JSON (hand-written for cjkclean, MIT).
// Every node is built with textContent: nothing from the data is ever parsed as markup.
(function () {
  "use strict";
  var root = document.documentElement;
  var errors = 0;
  window.addEventListener("error", function () { errors += 1; root.setAttribute("data-errors", String(errors)); });
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function readJSON(id) { return JSON.parse($(id).textContent); }
  var meta = readJSON("cjk-meta");
  var files = readJSON("cjk-files");
  var changesCache = null;
  function changesOf(i) {
    if (changesCache === null) { changesCache = readJSON("cjk-changes"); }
    return changesCache[i] || [];
  }
  var PAGE = 100;
  var state = {
    sort: "v", asc: false, query: "", kind: "", status: "", page: 0, open: {}, hide: {}
  };
  var columns = [
    ["v", "attention"], ["p", "file"], ["s", "status"], ["e", "encoding"], ["c", "confidence"],
    ["n", "changes"], ["rm", "lines removed"], ["fl", "flags"]
  ];
  var kinds = {}, statuses = {};
  files.forEach(function (f) {
    statuses[f.s] = true;
    Object.keys(f.f).forEach(function (k) { kinds[k] = true; });
    f.fl.forEach(function (k) { kinds["flag:" + k] = true; });
  });
  function fillSelect(select, values, label) {
    select.appendChild(el("option", null, label)).value = "";
    Object.keys(values).sort().forEach(function (v) { select.appendChild(el("option", null, v)).value = v; });
  }
  fillSelect($("kind"), kinds, "any kind of change");
  fillSelect($("status"), statuses, "any status");
  function matches(f) {
    if (state.status && f.s !== state.status) { return false; }
    if (state.kind) {
      if (state.kind.indexOf("flag:") === 0) {
        if (f.fl.indexOf(state.kind.slice(5)) < 0) { return false; }
      } else if (!f.f[state.kind]) { return false; }
    }
    if (state.query && f.p.toLowerCase().indexOf(state.query) < 0) { return false; }
    return true;
  }
  function key(f, k) {
    if (k === "fl") { return f.fl.length; }
    var v = f[k];
    return v === null || v === undefined ? -1 : v;
  }
  function compare(a, b) {
    var x = key(a, state.sort), y = key(b, state.sort);
    var r = typeof x === "string" ? x.localeCompare(y) : x - y;
    if (r === 0) { r = a.i - b.i; return r; }
    return state.asc ? r : -r;
  }
  function renderHead() {
    var tr = $("head");
    tr.textContent = "";
    columns.forEach(function (c) {
      var th = el("th", state.sort === c[0] ? (state.asc ? "sorted asc" : "sorted") : null, c[1]);
      th.addEventListener("click", function () {
        if (state.sort === c[0]) { state.asc = !state.asc; } else { state.sort = c[0]; state.asc = c[0] === "p"; }
        state.page = 0; render();
      });
      tr.appendChild(th);
    });
  }
  function fmtConf(c) { return c === null || c === undefined ? "" : c.toFixed(2); }
  function renderDiff(f) {
    var box = el("div", "diff");
    if (f.r) { box.appendChild(el("div", "note", "reason: " + f.r)); }
    f.w.forEach(function (w) { box.appendChild(el("div", "note", "warning: " + w)); });
    if (f.bi) { box.appendChild(el("div", "note", "bytes " + f.bi + " \u2192 " + f.bo)); }
    var list = changesOf(f.i);
    if (!list.length) { box.appendChild(el("div", "note", "no changes")); return box; }
    var counts = {};
    list.forEach(function (c) { counts[c[1]] = (counts[c[1]] || 0) + 1; });
    var toggles = el("div", "toggles");
    Object.keys(counts).sort().forEach(function (kind) {
      var label = el("label", "tag " + kind);
      var box2 = el("input");
      box2.type = "checkbox";
      box2.checked = !state.hide[kind];
      box2.addEventListener("click", function (e) { e.stopPropagation(); });
      box2.addEventListener("change", function () { state.hide[kind] = !box2.checked; render(); });
      label.appendChild(box2);
      label.appendChild(document.createTextNode(" " + kind + " \u00d7" + counts[kind]));
      toggles.appendChild(label);
    });
    box.appendChild(toggles);
    var last = -1, row = null, body = null, pending = null;
    function flush() {
      if (pending !== null) {
        body.appendChild(el("span", "tag " + pending.kind, pending.kind + "/" + pending.rule));
        body.appendChild(document.createTextNode(" "));
        pending = null;
      }
    }
    list.forEach(function (c) {
      var line = c[0], kind = c[1], rule = c[2], before = c[3], after = c[4];
      var note = c[5], lossy = c[6];
      if (state.hide[kind]) { return; }
      var removed = kind === "boilerplate" && after === "" && before.trim() !== "";
      if (line !== last || row === null || removed) {
        flush();
        row = el("div", removed ? "row removed" : "row");
        row.appendChild(el("span", "ln", "L" + line));
        body = el("span");
        row.appendChild(body);
        box.appendChild(row);
        last = removed ? -1 : line;
      }
      if (pending !== null && (pending.kind !== kind || pending.rule !== rule)) { flush(); }
      if (before === after) {
        body.appendChild(el("span", "same", before));
      } else {
        if (before !== "") { body.appendChild(el("del", null, before)); }
        if (after !== "") { body.appendChild(el("ins", null, after)); }
      }
      if (lossy || note || removed) {
        pending = null;
        body.appendChild(el("span", "tag " + kind, kind + "/" + rule));
        if (lossy) { body.appendChild(el("span", "tag lossy", "lossy")); }
        if (note) { body.appendChild(el("span", "note", note)); }
        body.appendChild(document.createTextNode(" "));
      } else {
        body.appendChild(document.createTextNode(" "));
        pending = { kind: kind, rule: rule };
      }
    });
    flush();
    if (f.x) {
      box.appendChild(el("div", "note", "\u2026 and " + f.x + " more changes (see the JSON report)"));
    }
    return box;
  }
  function render() {
    renderHead();
    var shown = files.filter(matches).sort(compare);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (state.page >= pages) { state.page = pages - 1; }
    var tbody = $("rows");
    tbody.textContent = "";
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (f) {
      var tr = el("tr", "file");
      tr.setAttribute("data-index", String(f.i));
      tr.appendChild(el("td", "num", f.v));
      tr.appendChild(el("td", "path", f.p));
      tr.appendChild(el("td", "status-" + f.s, f.s));
      tr.appendChild(el("td", null, f.e));
      tr.appendChild(el("td", "num", fmtConf(f.c)));
      tr.appendChild(el("td", "num", f.n));
      tr.appendChild(el("td", "num", f.rm));
      var flags = el("td");
      f.fl.forEach(function (k) { flags.appendChild(el("span", "flag " + k, k)); });
      tr.appendChild(flags);
      tr.addEventListener("click", function () { state.open[f.i] = !state.open[f.i]; render(); });
      tbody.appendChild(tr);
      if (state.open[f.i]) {
        var dr = el("tr", "detail");
        var td = el("td");
        td.colSpan = columns.length;
        td.appendChild(renderDiff(f));
        dr.appendChild(td);
        tbody.appendChild(dr);
      }
    });
    $("pageinfo").textContent = "page " + (state.page + 1) + " of " + pages + " \u2014 " +
      shown.length + " of " + files.length + " files";
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
    root.setAttribute("data-rendered", String(shown.length));
  }
  $("query").addEventListener("input", function (e) { state.query = e.target.value.toLowerCase(); state.page = 0; render(); });
  $("kind").addEventListener("change", function (e) { state.kind = e.target.value; state.page = 0; render(); });
  $("status").addEventListener("change", function (e) { state.status = e.target.value; state.page = 0; render(); });
  $("prev").addEventListener("click", function () { state.page -= 1; render(); });
  $("next").addEventListener("click", function () { state.page += 1; render(); });
  var m = /(?:^|[#&])open=([0-9,]+)/.exec(window.location.hash);
  if (m) { m[1].split(",").forEach(function (n) { state.open[Number(n)] = true; }); }
  var h = /(?:^|[#&])hide=([a-z,-]+)/.exec(window.location.hash);
  if (h) { h[1].split(",").forEach(function (k) { state.hide[k] = true; }); }
  if (/(?:^|[#&])open=all/.test(window.location.hash)) {
    files.slice(0, PAGE).forEach(function (f) { state.open[f.i] = true; });
  }
  $("mode").textContent = meta.mode === "check" ? "check run: nothing was written" : "";
  render();
  root.setAttribute("data-ready", "1");
})();

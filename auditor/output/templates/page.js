(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var ui = data.ui;
  var pop = document.getElementById("pop");
  var where = document.getElementById("where");
  var state = { item: null, pos: 0 };

  function marksOf(hit) {
    return Array.prototype.slice.call(document.querySelectorAll('mark.ev[data-hit="' + hit + '"]'));
  }
  function hitsOf(item) {
    var out = [];
    document.querySelectorAll("mark.ev").forEach(function (m) {
      if (m.dataset.items.split(" ").indexOf(item) >= 0 && out.indexOf(m.dataset.hit) < 0) {
        out.push(m.dataset.hit);
      }
    });
    return out;
  }
  function clear() {
    ["active", "current", "selected", "flash"].forEach(function (cls) {
      document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
    });
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function hidePop() { pop.hidden = true; }

  function selectItem(item, step, moveText) {
    var hits = hitsOf(item);
    if (!hits.length) { return false; }
    state.pos = (state.item === item && step) ? (state.pos + 1) % hits.length : 0;
    state.item = item;
    clear();
    hits.forEach(function (h) { marksOf(h).forEach(function (m) { m.classList.add("active"); }); });
    var current = marksOf(hits[state.pos]);
    current.forEach(function (m) { m.classList.add("current"); });
    var row = document.getElementById("item-" + item);
    if (row) { row.classList.add("selected"); }
    if (moveText) {
      current[0].scrollIntoView({ block: "center" });
      history.replaceState(null, "", "#" + hits[state.pos]);
    }
    where.textContent = fill(ui.where, { title: data.items[item].title, n: state.pos + 1, m: hits.length });
    where.hidden = false;
    return true;
  }

  function showPop(mark) {
    var items = mark.dataset.items ? mark.dataset.items.split(" ") : [];
    clear();
    where.hidden = true;
    marksOf(mark.dataset.hit).forEach(function (m) { m.classList.add("current"); });
    pop.textContent = "";
    var head = document.createElement("div");
    head.className = "pop-h";
    head.textContent = (data.kinds[mark.dataset.kind] || mark.dataset.kind) + " · " +
      (items.length ? fill(ui.supports, { n: items.length }) : ui.no_item);
    pop.appendChild(head);
    var list = document.createElement("ul");
    items.forEach(function (id) {
      var info = data.items[id];
      if (!info) { return; }
      var li = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "badge st-" + info.status;
      badge.textContent = info.label;
      var link = document.createElement("a");
      link.href = "#item-" + id;
      link.dataset.row = id;
      link.textContent = " " + info.title;
      li.appendChild(badge);
      li.appendChild(link);
      list.appendChild(li);
    });
    pop.appendChild(list);
    var r = mark.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 12);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function jump(target) {
    var el = document.getElementById(target);
    if (!el) { return false; }
    clear();
    hidePop();
    where.hidden = true;
    var marks = el.tagName === "MARK" ? marksOf(el.dataset.hit) : [];
    if (marks.length) {
      marks.forEach(function (m) { m.classList.add("current"); });
    } else {
      el.classList.add("flash");
    }
    el.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + target);
    return true;
  }

  document.addEventListener("click", function (e) {
    var row = e.target.closest("[data-row]");
    if (row) {
      e.preventDefault();
      hidePop();
      var li = document.getElementById("item-" + row.dataset.row);
      selectItem(row.dataset.row, false, false);
      if (li) { li.scrollIntoView({ block: "nearest" }); li.classList.add("selected"); }
      return;
    }
    var link = e.target.closest("[data-item]");
    if (link) {
      hidePop();
      if (selectItem(link.dataset.item, true, true)) { e.preventDefault(); }
      return;
    }
    var mark = e.target.closest("mark.ev");
    if (mark) { showPop(mark); return; }
    var to = e.target.closest("[data-jump]");
    if (to && jump(to.dataset.jump)) { e.preventDefault(); return; }
    if (!e.target.closest("#pop")) { hidePop(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hidePop(); }
    if (e.key === "Enter" && e.target.matches && e.target.matches("mark.ev")) { showPop(e.target); }
  });
})();

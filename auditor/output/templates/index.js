(function () {
  "use strict";
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("th.sort");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var numeric = th.dataset.type === "num";
        var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
        if (!th.hasAttribute("aria-sort") && !numeric) { dir = "ascending"; }
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
          if (x === "" && y !== "") { return 1; }  // unknown values last, whichever the direction
          if (y === "" && x !== "") { return -1; }
          var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "zh-Hans-CN");
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();

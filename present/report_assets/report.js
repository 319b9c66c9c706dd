/* renja report: filtering and sorting of the findings table. The page reads fine without it. */
(function () {
  "use strict";
  var table = document.getElementById("findings");
  var filters = document.getElementById("filters");
  if (!table || !filters) { return; }
  var search = document.getElementById("f-search");
  var severity = document.getElementById("f-severity");
  var check = document.getElementById("f-check");
  var tableSelect = document.getElementById("f-table");
  var shown = document.getElementById("f-shown");
  /* What the script says, in the page's language (the page's JSON block "pesan"). */
  var text = JSON.parse(document.getElementById("pesan").textContent);
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.finding"));
  /* What a search matches: the row as shown, and its numbers as plain digits. */
  var searchText = rows.map(function (row) {
    var numbers = Array.prototype.map.call(row.querySelectorAll("[data-num]"), function (cell) {
      return cell.getAttribute("data-num");
    });
    return (row.textContent + " " + numbers.join(" ")).toLowerCase();
  });
  var collator = new Intl.Collator("id", { numeric: true, sensitivity: "base" });
  filters.hidden = false;

  function detailOf(row) {
    var next = row.nextElementSibling;
    return next && next.classList.contains("detail") ? next : null;
  }

  function terms() {
    return search.value.toLowerCase().split(/\s+/).filter(function (t) { return t; });
  }

  function matches(row, index, words) {
    if (severity.value && row.getAttribute("data-severity") !== severity.value) { return false; }
    if (check.value && row.getAttribute("data-check") !== check.value) { return false; }
    if (tableSelect.value && row.getAttribute("data-table") !== tableSelect.value) { return false; }
    return words.every(function (w) { return searchText[index].indexOf(w) >= 0; });
  }

  function apply() {
    var words = terms();
    var count = 0;
    rows.forEach(function (row, index) {
      var visible = matches(row, index, words);
      row.hidden = !visible;
      var detail = detailOf(row);
      if (detail) { detail.hidden = !visible; }
      if (visible) { count += 1; }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      if (body.classList.contains("group")) {
        body.hidden = !body.querySelector("tr.finding:not([hidden])");
      }
    });
    shown.textContent = text.shown.replace("{n}", count).replace("{total}", rows.length);
  }

  function reset() {
    search.value = ""; severity.value = ""; check.value = ""; tableSelect.value = "";
    apply();
  }

  /* Sorting: a cell's data-num is its number; other cells compare as text, numbers first. */
  function cellKey(row, index) {
    var cell = row.cells[index];
    if (!cell) { return { empty: true }; }
    var num = cell.getAttribute("data-num");
    if (num !== null && num !== "") { return { num: parseFloat(num) }; }
    var text = cell.textContent.trim();
    return text ? { text: text } : { empty: true };
  }

  function compareKeys(a, b) {
    if (a.empty || b.empty) { return a.empty && b.empty ? 0 : (a.empty ? 1 : -1); }
    if (a.num !== undefined && b.num !== undefined) { return a.num - b.num; }
    if (a.num !== undefined) { return -1; }
    if (b.num !== undefined) { return 1; }
    return collator.compare(a.text, b.text);
  }

  function sortBy(header, index) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var groups = Array.prototype.slice.call(table.querySelectorAll("tbody.group"));
    groups.forEach(function (group, position) { group.setAttribute("data-pos", position); });
    groups.sort(function (g, h) {
      var a = cellKey(g.rows[0], index);
      var b = cellKey(h.rows[0], index);
      var order = compareKeys(a, b);
      if (order !== 0 && !a.empty && !b.empty && !ascending) { order = -order; }
      return order || (g.getAttribute("data-pos") - h.getAttribute("data-pos"));
    });
    groups.forEach(function (group) { table.appendChild(group); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var button = th.querySelector("button.sort");
    if (button) { button.addEventListener("click", function () { sortBy(th, index); }); }
  });

  [search, severity, check, tableSelect].forEach(function (control) {
    control.addEventListener("input", apply);
    control.addEventListener("change", apply);
  });
  document.getElementById("f-reset").addEventListener("click", reset);
  filters.addEventListener("submit", function (event) { event.preventDefault(); });

  /* Summary links set one filter and jump to the findings. */
  Array.prototype.forEach.call(document.querySelectorAll("a[data-filter]"), function (link) {
    link.addEventListener("click", function () {
      search.value = ""; severity.value = ""; check.value = ""; tableSelect.value = "";
      var select = document.getElementById("f-" + link.getAttribute("data-filter"));
      if (select) { select.value = link.getAttribute("data-value"); }
      apply();
    });
  });

  /* A link to a finding that the filters hide shows everything again and opens its detail. */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target || !target.classList.contains("finding")) { return; }
    if (target.hidden) { reset(); }
    var detail = detailOf(target);
    var box = detail ? detail.querySelector("details") : null;
    if (box) { box.open = true; }
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", reveal);
  apply();
  reveal();
}());

/* renja report: decide findings here, save the decisions as keputusan.csv (a download). The
   next `renja run` applies them. The page reads fine without this script. */
(function () {
  "use strict";
  var section = document.getElementById("keputusan");
  var bar = document.getElementById("k-unduh");
  if (!section || !bar) { return; }
  var COLUMNS = ["tindakan", "tabel", "halaman", "kepala", "kode", "uraian", "kolom", "tercetak",
    "ke", "cek", "nilai", "catatan", "oleh", "tanggal"];
  var PLACE = ["tabel", "kode", "uraian", "ke", "kolom"];  /* halaman and kepala only narrow */
  var SCOPE = { terima_saran: "sel", ubah_nilai: "sel", pilih_kode: "kode", tolak_kode: "kode",
    ubah_bentuk: "tabel", bukan_tabel_data: "tabel", dokumen_benar: "temuan",
    kesalahan_diterima: "temuan" };
  /* What the script says, in the page's language (the page's JSON block "pesan"). */
  var text = JSON.parse(document.getElementById("pesan").textContent);
  var LABELS = text.actions;
  var fileName = section.getAttribute("data-berkas") || "keputusan.csv";
  var count = document.getElementById("k-jumlah");
  var by = document.getElementById("k-oleh");
  var made = {};  /* finding id -> the decision made on this page */

  function record(element) {
    var out = {};
    COLUMNS.forEach(function (name) { out[name] = element.getAttribute("data-k-" + name) || ""; });
    return out;
  }
  var earlier = Array.prototype.map.call(
    section.querySelectorAll("#keputusan-lama tbody tr[data-k-tindakan]"), record);

  /* Two decisions about the same place and of the same kind: the newer replaces the older. */
  function identity(r) {
    var scope = SCOPE[r.tindakan] || r.tindakan;
    return PLACE.map(function (k) { return r[k] || ""; }).join("\u241f") + "\u241f" + scope +
      "\u241f" + (scope === "temuan" ? r.cek : "");
  }

  function cell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function fileText() {
    var fresh = Object.keys(made).map(function (id) { return made[id]; });
    var replaced = {};
    fresh.forEach(function (r) { replaced[identity(r)] = true; });
    var rows = earlier.filter(function (r) { return !replaced[identity(r)]; }).concat(fresh);
    return [COLUMNS.join(",")].concat(rows.map(function (r) {
      return COLUMNS.map(function (name) { return cell(r[name]); }).join(",");
    })).join("\n") + "\n";
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function update() {
    var n = Object.keys(made).length;
    count.textContent = n ? text.unsaved.replace("{n}", n) : text.none_new;
  }

  function decide(form, button) {
    var action = button.getAttribute("data-tindakan");
    var shown = form.parentNode.querySelector(".k-dipilih");
    var r = record(form);
    r.tindakan = action;
    r.nilai = "";
    if (action === "terima_saran") {
      r.nilai = button.getAttribute("data-nilai") || "";
    } else if (action === "ubah_nilai") {
      r.nilai = form.querySelector(".k-nilai").value.trim();
    } else if (action === "pilih_kode") {
      r.nilai = form.querySelector(".k-kode-lain").value.trim() ||
        form.querySelector(".k-kode").value;
    }
    if ((action === "ubah_nilai" || action === "pilih_kode") && !r.nilai) {
      shown.textContent = action === "ubah_nilai" ? text.value_first : text.code_first;
      return;
    }
    if (SCOPE[action] !== "sel" && form.getAttribute("data-jenis") !== "nilai") { r.tercetak = ""; }
    if (SCOPE[action] !== "temuan") { r.cek = r.cek || ""; }
    r.catatan = form.querySelector(".k-catatan").value.trim();
    r.oleh = by.value.trim();
    r.tanggal = today();
    var row = form.closest("tr.finding");
    made[row ? row.id : identity(r)] = r;
    if (row) { row.classList.add("diputuskan"); }
    shown.textContent = "\u2713 " + LABELS[action] + (r.nilai ? ": " + r.nilai : "");
    form.parentNode.open = false;  /* the choice shows under "Putuskan"; open it to change it */
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("details.putuskan"), function (box) {
    box.hidden = false;
    var form = box.querySelector(".keputusan-form");
    Array.prototype.forEach.call(form.querySelectorAll("button[data-tindakan]"), function (b) {
      b.addEventListener("click", function () { decide(form, b); });
    });
  });

  document.getElementById("k-simpan").addEventListener("click", function () {
    by.value = by.value.trim();
    Object.keys(made).forEach(function (id) { made[id].oleh = made[id].oleh || by.value; });
    var blob = new Blob([fileText()], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    count.textContent = text.saved.replace("{n}", Object.keys(made).length)
      .replace("{file}", fileName);
  });
  bar.hidden = false;
  update();
}());

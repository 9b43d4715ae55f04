/**
 * The report's one inline script (no network, no libraries): sortable and filterable tables with a
 * TSV download each, and an SVG and a PNG download per figure. Without JavaScript the page reads
 * the same, minus those controls.
 *
 * @module
 */

/** The script, as the text of a `<script>` element. */
export const REPORT_SCRIPT: string = String.raw`
"use strict";
(function () {
  function slug(text) {
    return String(text || "table").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "table";
  }
  function cellValue(cell) {
    return cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = Number(a), y = Number(b);
    var numeric = a !== "" && b !== "" && !isNaN(x) && !isNaN(y);
    if (numeric) return x - y;
    if (a === "" || a === "–") return 1;
    if (b === "" || b === "–") return -1;
    return a.localeCompare(b);
  }
  function tsvOf(table) {
    var lines = [];
    table.querySelectorAll("tr").forEach(function (row) {
      var cells = [];
      row.querySelectorAll("th, td").forEach(function (cell) {
        cells.push(cell.textContent.trim().replace(/[\t\n\r]+/g, " "));
      });
      lines.push(cells.join("\t"));
    });
    return lines.join("\n") + "\n";
  }
  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var descending = header.getAttribute("aria-sort") === "ascending";
    table.querySelectorAll("thead th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compare(cellValue(r1.cells[column]), cellValue(r2.cells[column]));
      return descending ? -c : c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function filterRows(table, text, counter) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var content = rows[i].textContent.toLowerCase();
      var keep = words.every(function (w) { return content.indexOf(w) >= 0; });
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    counter.textContent = shown === rows.length ? rows.length + " rows" : shown + " of " + rows.length + " rows";
  }
  function link(text, name, title) {
    var a = document.createElement("a");
    a.className = "download";
    a.textContent = text;
    a.href = "#";
    a.setAttribute("download", name);
    a.title = title;
    return a;
  }
  function enhanceTable(table) {
    if (!table.tBodies.length || !table.tHead) return;
    var name = slug(table.getAttribute("data-name"));
    var bar = document.createElement("div");
    bar.className = "table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter the rows of the table");
    var counter = document.createElement("span");
    counter.className = "count";
    var tsv = link("TSV", name + ".tsv", "Download the table as tab-separated values");
    tsv.addEventListener("click", function () {
      tsv.href = "data:text/tab-separated-values;charset=utf-8," + encodeURIComponent(tsvOf(table));
    });
    bar.appendChild(input);
    bar.appendChild(counter);
    bar.appendChild(tsv);
    var anchor = table.closest(".table-wrap") || table;
    anchor.parentNode.insertBefore(bar, anchor);
    input.addEventListener("input", function () { filterRows(table, input.value, counter); });
    filterRows(table, "", counter);
    table.tHead.querySelectorAll("th").forEach(function (th, column) {
      th.classList.add("sortable");
      th.tabIndex = 0;
      th.title = "Sort by this column";
      th.addEventListener("click", function () { sortBy(table, column, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, column, th); }
      });
    });
  }
  function svgText(svg) {
    var copy = svg.cloneNode(true);
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }
  function enhanceFigure(figure) {
    var svg = figure.querySelector("svg");
    if (!svg) return;
    var name = slug(figure.getAttribute("aria-label"));
    var bar = document.createElement("div");
    bar.className = "figure-tools";
    var svgLink = link("SVG", name + ".svg", "Download the figure as SVG");
    svgLink.addEventListener("click", function () {
      svgLink.href = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(svg));
    });
    var pngLink = link("PNG", name + ".png", "Download the figure as PNG (twice the size on screen)");
    pngLink.addEventListener("click", function (event) {
      if (pngLink.getAttribute("data-ready") === "1") { pngLink.removeAttribute("data-ready"); return; }
      event.preventDefault();
      var image = new Image();
      var box = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal : svg.getBoundingClientRect();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = Math.ceil(box.width * 2);
        canvas.height = Math.ceil(box.height * 2);
        var context = canvas.getContext("2d");
        context.fillStyle = "white";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        pngLink.href = canvas.toDataURL("image/png");
        pngLink.setAttribute("data-ready", "1");
        pngLink.click();
      };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(svg));
    });
    bar.appendChild(svgLink);
    bar.appendChild(pngLink);
    figure.appendChild(bar);
  }
  document.querySelectorAll("table.data").forEach(enhanceTable);
  document.querySelectorAll("figure.plot").forEach(enhanceFigure);
})();
`;

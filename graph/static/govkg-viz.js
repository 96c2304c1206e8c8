/* govkg graph pages: draw the graph embedded in #govkg-data with vis-network.
 *
 * Charter text is untrusted: it reaches the DOM only through textContent (tooltips are
 * built as elements) or the vis canvas (labels), never as HTML.
 */
(function () {
  "use strict";

  var holder = document.getElementById("govkg-data");
  var container = document.getElementById("govkg-network");
  if (!holder || !container || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(holder.textContent);

  function tooltip(rows) {
    var box = document.createElement("div");
    box.className = "govkg-tip";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var key = document.createElement("b");
      key.textContent = row[0] + ": ";
      line.appendChild(key);
      line.appendChild(document.createTextNode(String(row[1])));
      box.appendChild(line);
    });
    return box;
  }

  function withTooltip(item) {
    var copy = Object.assign({}, item);
    if (copy.tip) {
      // an Element title: vis-network shows it as is, no HTML parsing of the text
      copy.title = tooltip(copy.tip);
    }
    delete copy.tip;
    return copy;
  }

  var nodes = new vis.DataSet(data.nodes.map(withTooltip));
  var edges = new vis.DataSet(data.edges.map(withTooltip));
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.govkg = { network: network, nodes: nodes, edges: edges };

  network.once("afterDrawing", function () {
    var now = performance.now();
    document.body.setAttribute("data-drawn-at", String(Math.round(now)));
    document.body.setAttribute("data-draw-ms", String(Math.round(now - started)));
    document.body.setAttribute("data-drawn", "1");
  });

  network.on("doubleClick", function (params) {
    if (params.nodes.length !== 1) {
      return;
    }
    var node = nodes.get(params.nodes[0]);
    var url = node && node.url;
    // same-origin paths only
    if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  });
})();

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

  // The hierarchy page: what is below each province (its groups, districts, communes) is held
  // back here, by province, and handed to vis-network only when that province is opened, so
  // the first drawing has the top of the tree only (hundreds of nodes, not fifteen thousand).
  var hierarchy = data.hierarchy;
  var heldNodes = {};
  var heldEdges = {};
  var firstNodes = data.nodes;
  var firstEdges = data.edges;
  if (hierarchy) {
    firstNodes = [];
    firstEdges = [];
    data.nodes.forEach(function (n) {
      if (n.anchor) { (heldNodes[n.anchor] = heldNodes[n.anchor] || []).push(n); } else { firstNodes.push(n); }
    });
    data.edges.forEach(function (e) {
      if (e.anchor) { (heldEdges[e.anchor] = heldEdges[e.anchor] || []).push(e); } else { firstEdges.push(e); }
    });
  }

  var nodes = new vis.DataSet(firstNodes.map(withTooltip));
  var edges = new vis.DataSet(firstEdges.map(withTooltip));
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.govkg = { network: network, nodes: nodes, edges: edges };

  network.once("afterDrawing", function () {
    var now = performance.now();
    document.body.setAttribute("data-drawn-at", String(Math.round(now)));
    document.body.setAttribute("data-draw-ms", String(Math.round(now - started)));
    document.body.setAttribute("data-drawn", "1");
  });

  // A click on a province (or on the summary node standing for what is below it) opens its
  // block; a second click on the province closes it. Only that block's items change.
  if (hierarchy) {
    var opened = {};
    var visible = function (item) { return withTooltip(Object.assign({}, item, { hidden: false })); };
    var show = function (anchor, open) {
      if (!heldNodes[anchor] || !!opened[anchor] === open) {
        return;
      }
      opened[anchor] = open;
      var nodeIds = heldNodes[anchor].map(function (n) { return n.id; });
      var edgeIds = (heldEdges[anchor] || []).map(function (e) { return e.id; });
      if (open) {
        nodes.add(heldNodes[anchor].map(visible));
        edges.add((heldEdges[anchor] || []).map(visible));
      } else {
        edges.remove(edgeIds);
        nodes.remove(nodeIds);
      }
      nodes.update([{ id: "collapsed:" + anchor, hidden: open }]);
      edges.update([{ id: "collapsed-edge:" + anchor, hidden: open }]);
      document.body.setAttribute("data-opened", Object.keys(opened).filter(function (k) { return opened[k]; }).join(" "));
    };
    // one province open at a time: their blocks share one place under the grid
    var expand = function (anchor) {
      Object.keys(opened).forEach(function (other) {
        if (other !== anchor && opened[other]) { show(other, false); }
      });
      show(anchor, true);
    };
    var collapse = function (anchor) { show(anchor, false); };
    window.govkg.expand = expand;
    window.govkg.collapse = collapse;
    network.on("click", function (params) {
      if (params.nodes.length !== 1) {
        return;
      }
      var node = nodes.get(params.nodes[0]);
      if (node && node.anchorOf) {
        expand(node.anchorOf);
      } else if (node && heldNodes[node.id]) {
        if (opened[node.id]) { collapse(node.id); } else { expand(node.id); }
      }
    });
    var fold = function (text) {
      return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
    };
    var form = document.getElementById("govkg-search");
    var input = document.getElementById("govkg-search-input");
    var result = document.getElementById("govkg-search-result");
    if (form && input) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var wanted = fold(input.value).split(" ").filter(Boolean);
        if (!wanted.length) {
          return;
        }
        var best = null;
        data.nodes.forEach(function (node) {
          var name = fold(node.name || node.label);
          var ok = wanted.every(function (w) { return name.indexOf(w) >= 0; });
          // committees first, then the shortest name
          var key = [node.kind === "SteeringCommittee" ? 0 : 1, name.length];
          if (ok && (!best || key[0] < best.key[0] || (key[0] === best.key[0] && key[1] < best.key[1]))) {
            best = { node: node, key: key };
          }
        });
        if (!best) {
          result.textContent = "not found";
          document.body.setAttribute("data-found", "");
          return;
        }
        var id = best.node.id;
        if (best.node.anchor) {
          expand(best.node.anchor);
        }
        network.selectNodes([id]);
        network.focus(id, { scale: 1.0, animation: false });
        result.textContent = best.node.name || best.node.label;
        document.body.setAttribute("data-found", id);
      });
    }
  }

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

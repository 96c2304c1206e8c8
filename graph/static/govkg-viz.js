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

  // The hierarchy page: what is below each province (its groups, districts, communes) comes
  // hidden, with one summary node ("collapsed:<province>") standing for it; a click on the
  // province or on that node opens the block, a second click on the province closes it.
  // Only that block's items change, so opening is as fast on the national graph as here.
  var hierarchy = data.hierarchy;
  if (hierarchy) {
    var members = {};
    hierarchy.anchors.forEach(function (a) { members[a] = { nodes: [], edges: [] }; });
    data.nodes.forEach(function (n) { if (n.anchor && members[n.anchor]) { members[n.anchor].nodes.push(n.id); } });
    data.edges.forEach(function (e) { if (e.anchor && members[e.anchor]) { members[e.anchor].edges.push(e.id); } });
    var opened = {};
    var show = function (anchor, open) {
      var m = members[anchor];
      if (!m || !!opened[anchor] === open) {
        return;
      }
      opened[anchor] = open;
      nodes.update(m.nodes.map(function (id) { return { id: id, hidden: !open }; })
        .concat([{ id: "collapsed:" + anchor, hidden: open }]));
      edges.update(m.edges.map(function (id) { return { id: id, hidden: !open }; })
        .concat([{ id: "collapsed-edge:" + anchor, hidden: open }]));
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
      } else if (node && members[node.id]) {
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

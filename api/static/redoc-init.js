/* ReDoc for govkg, loaded from this server only (no CDN, no web fonts). */
(function () {
  "use strict";
  var target = document.getElementById("redoc");
  Redoc.init(target.getAttribute("data-openapi"), { disableSearch: false }, target);
})();

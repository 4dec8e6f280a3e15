// Loaded between require.js and the ipywidgets HTML manager (see _config.yml, nb_ipywidgets_js).
// Points the manager's AMD modules at the copy vendored into this site, so its icon fonts and
// modules load from here, not from a CDN or a path relative to the page.
(function () {
  var vendor = document.currentScript.src.replace(/[^/]*$/, "") + "vendor/html-manager/";
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager": vendor.slice(0, -1),
      "@jupyter-widgets/base": vendor.slice(0, -1),
      "@jupyter-widgets/controls": vendor.slice(0, -1),
    },
  });
})();

// Accessibility repairs for markup the book does not write itself, each flagged by axe-core as
// serious or critical: three theme controls (sphinx-book-theme 1.3 / pydata-sphinx-theme 0.16),
// docutils' citation list, and the slider handles the ipywidgets HTML manager renders.
(function () {
  function nameSliders(root) {
    // The handle (role="slider") has no name; give it the text of the widget's label.
    root.querySelectorAll(".widget-slider").forEach(function (widget) {
      var label = widget.querySelector(".widget-label");
      widget.querySelectorAll("[role=slider]:not([aria-label])").forEach(function (handle) {
        handle.setAttribute("aria-label", (label && label.textContent.trim()) || "slider");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".search-button__button").forEach(function (button) {
      button.removeAttribute("aria-label"); // its name becomes its visible text, "Search Ctrl+K"
    });
    document.querySelectorAll(".theme-switch-button i, .search-button__button i").forEach(function (icon) {
      icon.removeAttribute("title"); // the button's own label, "Color mode", names it
      icon.setAttribute("aria-hidden", "true"); // decorative glyphs are no part of the name
    });
    document.querySelectorAll("summary").forEach(function (summary) {
      if (!summary.textContent.trim() && !summary.hasAttribute("aria-label")) {
        var link = summary.closest("li") && summary.closest("li").querySelector("a");
        summary.setAttribute("aria-label", "Sections of " + (link ? link.textContent.trim() : "this page"));
      }
    });
    document.querySelectorAll(".citation-list[role=list]").forEach(function (list) {
      list.removeAttribute("role"); // its entries are doc-biblioentry, not listitem
    });
    nameSliders(document);
    // Widgets render after the page loads: name their sliders as they appear.
    new MutationObserver(function () {
      nameSliders(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();

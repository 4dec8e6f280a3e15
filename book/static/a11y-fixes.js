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

  function quietIcons(root) {
    // The buttons' own labels ("Color mode", "Search") name them; their glyphs are decorative.
    // Font Awesome's deferred script turns each <i title> into an <svg> with a <title>, before or
    // after this runs, so both forms are handled.
    root.querySelectorAll(".theme-switch-button i, .search-button__button i").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.setAttribute("aria-hidden", "true");
    });
    root.querySelectorAll(".theme-switch-button svg, .search-button__button svg").forEach(function (icon) {
      icon.querySelectorAll("title").forEach(function (title) { title.remove(); });
      icon.removeAttribute("aria-labelledby");
      icon.removeAttribute("role");
      icon.setAttribute("aria-hidden", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".search-button__button").forEach(function (button) {
      button.removeAttribute("aria-label"); // its name becomes its visible text, "Search Ctrl+K"
    });
    quietIcons(document);
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
      quietIcons(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();

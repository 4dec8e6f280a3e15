// Accessibility repairs for markup the book does not write itself, each flagged by axe-core as
// serious or critical: three theme controls (sphinx-book-theme 1.3 / pydata-sphinx-theme 0.17) and
// docutils' citation list.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".search-button__button").forEach(function (button) {
      button.removeAttribute("aria-label"); // its name becomes its visible text, "Search Ctrl+K"
    });
    // The buttons' own labels ("Color mode", "Search") name them; their glyphs are decorative.
    document.querySelectorAll(".theme-switch-button i, .search-button__button i").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.setAttribute("aria-hidden", "true");
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
  });
})();

// The ipywidgets HTML manager 1.0.6 typesets widget labels with the MathJax 2 API
// (MathJax.Hub.Queue); Sphinx loads MathJax 3. Map the old call onto the new one.
window.addEventListener("load", function () {
  if (window.MathJax && !window.MathJax.Hub && window.MathJax.typesetPromise) {
    window.MathJax.Hub = {
      Queue: function () {
        return window.MathJax.typesetPromise();
      },
    };
  }
});

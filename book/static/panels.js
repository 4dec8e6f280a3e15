// Renders the notebooks' saved widgets on the static site, with no kernel and no widget manager.
//
// A page embeds the widget state that `make notebooks` saved (one JSON script) and a view script
// per output. The book's panels use only a few core ipywidgets models: boxes, a CSS grid, Stacks
// of HTML frames, and selection controls (slider, dropdown, toggle buttons) whose `index` is
// linked in the front end (DirectionalLink) to the Stacks' `selected_index`. This file draws those
// models with native HTML controls and follows the links, so every control switches its frames.
// It replaces @jupyter-widgets/html-manager (4.4 MB of JavaScript whose start-up alone took about
// a second on a 2-core machine) for exactly the models the book uses; a model of any other kind
// is shown as a note that it needs a running kernel (the site tests require there are none).
(function () {
  "use strict";
  var REF = "IPY_MODEL_";
  var models = {};
  var listeners = {};
  var counter = 0;

  function id(ref) {
    return ref.slice(REF.length);
  }

  function state(modelId) {
    return models[modelId].state;
  }

  function listen(modelId, callback) {
    (listeners[modelId] = listeners[modelId] || []).push(callback);
  }

  function set(modelId, name, value) {
    if (state(modelId)[name] === value) return;
    state(modelId)[name] = value;
    (listeners[modelId] || []).forEach(function (callback) {
      callback(name);
    });
  }

  function applyLayout(element, modelState) {
    var layout = modelState.layout && models[id(modelState.layout)];
    if (!layout) return;
    Object.keys(layout.state).forEach(function (name) {
      var value = layout.state[name];
      if (name.charAt(0) !== "_" && value !== null && value !== "") {
        element.style.setProperty(name.replace(/_/g, "-"), value);
      }
    });
  }

  function labelFor(text, control) {
    var label = document.createElement("label");
    label.className = "widget-label";
    label.textContent = text;
    label.htmlFor = control.id = "physics-control-" + ++counter;
    return label;
  }

  function slider(modelId, s) {
    var element = document.createElement("div");
    element.className = "widget-slider";
    var input = document.createElement("input");
    input.type = "range";
    input.min = 0;
    input.max = s._options_labels.length - 1;
    input.step = 1;
    input.value = s.index;
    input.disabled = s.disabled;
    var readout = document.createElement("output");
    readout.className = "widget-readout";
    function show() {
      readout.textContent = s._options_labels[s.index];
      input.setAttribute("aria-valuetext", s._options_labels[s.index]);
      input.value = s.index;
    }
    input.addEventListener("input", function () {
      set(modelId, "index", Number(input.value));
    });
    listen(modelId, show);
    show();
    element.append(labelFor(s.description, input), input, readout);
    return element;
  }

  function dropdown(modelId, s) {
    var element = document.createElement("div");
    element.className = "widget-dropdown";
    var select = document.createElement("select");
    s._options_labels.forEach(function (text, index) {
      select.add(new Option(text, index, false, index === s.index));
    });
    select.disabled = s.disabled;
    select.addEventListener("change", function () {
      set(modelId, "index", Number(select.value));
    });
    listen(modelId, function () {
      select.value = s.index;
    });
    element.append(labelFor(s.description, select), select);
    return element;
  }

  function toggleButtons(modelId, s) {
    var element = document.createElement("div");
    element.className = "widget-toggle-buttons";
    element.setAttribute("role", "group");
    var label = document.createElement("span");
    label.className = "widget-label";
    label.textContent = s.description;
    label.id = "physics-control-" + ++counter;
    element.setAttribute("aria-labelledby", label.id);
    element.append(label);
    var buttons = s._options_labels.map(function (text, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = text;
      button.disabled = s.disabled;
      button.addEventListener("click", function () {
        set(modelId, "index", index);
      });
      element.append(button);
      return button;
    });
    function show() {
      buttons.forEach(function (button, index) {
        button.setAttribute("aria-pressed", String(index === s.index));
        button.classList.toggle("mod-active", index === s.index);
      });
    }
    listen(modelId, show);
    show();
    return element;
  }

  function stack(modelId, s) {
    var element = document.createElement("div");
    element.className = "widget-stack";
    function show() {
      var child = s.selected_index === null ? null : s.children[s.selected_index];
      element.replaceChildren.apply(element, child ? [render(id(child))] : []);
    }
    listen(modelId, function (name) {
      if (name === "selected_index") show();
    });
    show();
    return element;
  }

  function box(className, s) {
    var element = document.createElement("div");
    element.className = className;
    s.children.forEach(function (child) {
      element.append(render(id(child)));
    });
    return element;
  }

  var RENDERERS = {
    VBoxModel: function (_, s) { return box("widget-box widget-vbox", s); },
    HBoxModel: function (_, s) { return box("widget-box widget-hbox", s); },
    BoxModel: function (_, s) { return box("widget-box", s); },
    GridBoxModel: function (_, s) { return box("widget-box widget-gridbox", s); },
    StackModel: stack,
    SelectionSliderModel: slider,
    DropdownModel: dropdown,
    ToggleButtonsModel: toggleButtons,
    HTMLModel: function (_, s) {
      var element = document.createElement("div");
      element.className = "widget-html";
      element.innerHTML = s.value;
      return element;
    },
  };

  function render(modelId) {
    var model = models[modelId];
    var renderer = model && RENDERERS[model.model_name];
    var element;
    if (renderer) {
      element = renderer(modelId, model.state);
    } else {
      element = document.createElement("p");
      element.className = "widget-needs-kernel";
      element.textContent = "This output needs a running kernel (see “Run this book live”).";
      return element;
    }
    (model.state._dom_classes || []).forEach(function (name) {
      element.classList.add(name);
    });
    applyLayout(element, model.state);
    return element;
  }

  // A link copies a model's attribute to another's, now and on every change ([model, attribute]).
  function link(from, to) {
    var source = id(from[0]);
    var target = id(to[0]);
    var copy = function () {
      set(target, to[1], state(source)[from[1]]);
    };
    listen(source, function (name) {
      if (name === from[1]) copy();
    });
    copy();
  }

  function start() {
    var saved = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    if (!saved) return;
    models = JSON.parse(saved.textContent).state;
    Object.keys(models).forEach(function (modelId) {
      var name = models[modelId].model_name;
      var linked = models[modelId].state;
      if (name === "DirectionalLinkModel" || name === "LinkModel") link(linked.source, linked.target);
      if (name === "LinkModel") link(linked.target, linked.source);
    });
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').forEach(function (view) {
      var area = document.createElement("div");
      area.className = "widget-subarea";
      area.append(render(JSON.parse(view.textContent).model_id));
      view.parentElement.insertBefore(area, view);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

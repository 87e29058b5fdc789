/* Suggestions under the header search box (an ARIA 1.2 combobox with a listbox popup).
 *
 * Without this script the box is a plain GET form to /search/, so nothing depends on it.
 * Keys: ↓/↑ move through the suggestions, Enter opens the highlighted one (or searches when
 * none is), Escape closes the list. Requests are debounced and a newer one cancels the older,
 * so a slow answer can never overwrite a fresher one.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form || !window.fetch || !window.AbortController) return;
  var input = form.querySelector("input[name=q]");
  if (!input) return;
  var endpoint = form.getAttribute("data-suggest-url") || "/api/v1/search/autocomplete";
  var MIN_CHARS = 2, DELAY_MS = 120;

  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.classList.add("has-suggestions");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var options = [], active = -1, timer = null, pending = null, shownFor = null;

  function open(isOpen) {
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) highlight(-1);
  }

  function highlight(index) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(data) {
    list.textContent = "";
    options = [];
    active = -1;
    data.suggestions.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-url", item.url);
      var title = document.createElement("span");
      title.className = "suggestion-title";
      title.textContent = item.title;
      if (item.language) title.lang = item.language;
      var meta = document.createElement("span");
      meta.className = "suggestion-meta";
      meta.textContent = [item.kind_label].concat(item.meta).join(" · ");
      option.appendChild(title);
      option.appendChild(meta);
      option.addEventListener("click", function () { follow(option); });
      list.appendChild(option);
      options.push(option);
    });
    status.textContent = data.status || "";
    shownFor = data.query;
    open(options.length > 0);
  }

  function follow(option) {
    window.location.href = option.getAttribute("data-url");
  }

  function load() {
    var text = input.value.trim();
    if (text.length < MIN_CHARS) { open(false); shownFor = null; return; }
    if (text === shownFor) { open(options.length > 0); return; }
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(endpoint + "?q=" + encodeURIComponent(text), {
      signal: pending.signal, headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && input.value.trim() === text) render(data);
    }).catch(function () { /* aborted or offline: the form still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, DELAY_MS);
  });
  input.addEventListener("focus", function () {
    if (options.length && input.value.trim() === shownFor) open(true);
  });
  input.addEventListener("keydown", function (event) {
    var isOpen = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!isOpen) { load(); return; }
      highlight(active + 1 < options.length ? active + 1 : 0);
    } else if (event.key === "ArrowUp") {
      if (!isOpen) return;
      event.preventDefault();
      highlight(active > 0 ? active - 1 : options.length - 1);
    } else if (event.key === "Enter") {
      if (isOpen && active >= 0) {
        event.preventDefault();
        follow(options[active]);
      }
    } else if (event.key === "Escape") {
      if (isOpen) { event.preventDefault(); open(false); }
    }
  });
  // A click on a suggestion must not blur the box first (the list would close under the pointer).
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", function () { open(false); });
})();

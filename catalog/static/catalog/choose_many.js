// The article form's works and people: the chosen ones as removable chips, and a search box
// that adds others (catalog/choosers.py). Without this script the select still shows the
// chosen records and submits them.
(function () {
  "use strict";

  function chip(select, option) {
    const item = document.createElement("li");
    item.className = "choose-many-chip";
    item.textContent = option.textContent + " ";
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button button-small button-secondary";
    remove.textContent = "×";
    remove.setAttribute("aria-label", (select.dataset.removeLabel || "Remove") + ": " + option.textContent);
    remove.addEventListener("click", function () {
      option.remove();
      item.remove();
    });
    item.appendChild(remove);
    return item;
  }

  function setUp(select) {
    if (select.dataset.chooseReady) return;
    select.dataset.chooseReady = "1";
    select.hidden = true;
    const chips = document.createElement("ul");
    chips.className = "choose-many-chips";
    Array.from(select.options).forEach(function (option) {
      option.selected = true;
      chips.appendChild(chip(select, option));
    });
    const box = document.createElement("input");
    box.type = "search";
    box.className = "choose-many-search";
    box.placeholder = select.dataset.searchLabel || "";
    box.setAttribute("aria-label", box.placeholder);
    const found = document.createElement("ul");
    found.className = "choose-many-found";
    let timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const text = box.value.trim();
        found.replaceChildren();
        if (!text) return;
        fetch(select.dataset.chooseUrl + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            found.replaceChildren();
            (data.results || []).forEach(function (record) {
              if (select.querySelector('option[value="' + record.id + '"]')) return;
              const item = document.createElement("li");
              const add = document.createElement("button");
              add.type = "button";
              add.className = "button button-small";
              add.textContent = "+ " + record.label;
              add.addEventListener("click", function () {
                const option = new Option(record.label, String(record.id), true, true);
                select.appendChild(option);
                chips.appendChild(chip(select, option));
                item.remove();
              });
              item.appendChild(add);
              found.appendChild(item);
            });
          });
      }, 250);
    });
    select.after(chips, box, found);
  }

  function setUpAll() {
    document.querySelectorAll("select[data-choose-url]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();

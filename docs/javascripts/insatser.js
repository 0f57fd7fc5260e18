// Filters and sorting for the list of approved insatser (insatser/). Without this script the
// page is a plain list by start year; with it, the form appears and the list answers at once.
// The form's state is kept in the address, so a filtered list can be linked to and bookmarked.
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form[data-finsam-filter]");
    if (!form || form.getAttribute("data-ready") || !document.querySelector(".finsam-insatslista")) return;
    form.setAttribute("data-ready", "1");
    var items = Array.prototype.slice.call(document.querySelectorAll(".finsam-insatslista > li"));
    var groups = items.map(function (item) { return item.parentNode; });
    var count = document.querySelector("[data-finsam-antal]");
    var flat = document.createElement("ul");
    flat.className = "finsam-insatslista";
    flat.hidden = true;
    var lists = Array.prototype.slice.call(document.querySelectorAll(".finsam-insatslista"));
    lists[lists.length - 1].parentNode.appendChild(flat);
    var collator = new Intl.Collator("sv");
    // What free text is matched against: the item's own text and its members' names.
    var names = {};
    Array.prototype.forEach.call(form.elements.medlem.options, function (option) {
      names[option.value] = option.textContent;
    });
    items.forEach(function (item) {
      var members = item.getAttribute("data-medlem").split(" ").map(function (id) { return names[id] || ""; });
      item.finsamText = (item.textContent + " " + members.join(" ")).toLocaleLowerCase("sv");
    });

    var query = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && query.has(field.name)) field.value = query.get(field.name);
    });

    function value(name) { return form.elements[name].value; }

    function words(text) { return text.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean); }

    function matches(item) {
      var text = item.finsamText;
      var wanted = words(value("text"));
      for (var i = 0; i < wanted.length; i++) if (text.indexOf(wanted[i]) < 0) return false;
      var fields = ["ar", "medlem"];
      for (var j = 0; j < fields.length; j++) {
        var chosen = value(fields[j]);
        var attribute = " " + item.getAttribute("data-" + fields[j]) + " ";
        if (chosen && attribute.indexOf(" " + chosen + " ") < 0) return false;
      }
      if (value("inriktning") && item.getAttribute("data-inriktning") !== value("inriktning")) return false;
      if (value("status") && item.getAttribute("data-status") !== value("status")) return false;
      return true;
    }

    var sorted = "start";  // the order the page was written in

    function order() {
      var sorting = value("sortering");
      if (sorting === sorted) return sorting !== "start";
      sorted = sorting;
      if (sorting === "start") {
        items.forEach(function (item, index) { groups[index].appendChild(item); });
        return false;
      }
      var inOrder = items.slice().sort(function (a, b) {
        if (sorting === "belopp") return Number(b.getAttribute("data-belopp")) - Number(a.getAttribute("data-belopp"));
        return collator.compare(a.querySelector("a").textContent, b.querySelector("a").textContent);
      });
      inOrder.forEach(function (item) { flat.appendChild(item); });
      return true;
    }

    function update() {
      var isFlat = order();
      var shown = 0;
      items.forEach(function (item) {
        var hide = !matches(item);
        if (item.hidden !== hide) item.hidden = hide;  // untouched items cost no new layout
        if (!hide) shown += 1;
      });
      flat.hidden = !isFlat;
      lists.forEach(function (list) {
        var empty = isFlat || !list.querySelector("li:not([hidden])");
        list.hidden = empty;
        var heading = list.parentNode.previousElementSibling;
        if (heading && heading.querySelector("h2")) heading.hidden = empty;
      });
      var years = document.querySelector(".finsam-ar");
      if (years) years.hidden = isFlat;
      count.textContent = "Visar " + shown.toLocaleString("sv") + " av " +
        items.length.toLocaleString("sv") + " insatser.";
      var state = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && field.value && !(field.name === "sortering" && field.value === "start")) {
          state.set(field.name, field.value);
        }
      });
      var search = state.toString();
      if (("?" + search) !== window.location.search && (search || window.location.search)) {
        window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      }
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

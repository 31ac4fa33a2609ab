// annals HTML export: year, theme and source filters and a search box over the events in the
// page, kept in the URL fragment (#year=2016&theme=investment&source=…&q=…) so that a filtered
// view can be linked; read back on load and on every hashchange. The page is complete without
// this script: it only hides what a filter leaves out. It reads the page, never adds markup.
(function () {
  "use strict";
  var nav = document.getElementById("filters");
  var form = document.getElementById("filter-form");
  var count = document.getElementById("count");
  var total = document.querySelector("#events-title .total");
  if (!nav || !form || !count) return;
  var KEYS = ["year", "theme", "source", "q"];
  var events = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var facts = Array.prototype.slice.call(document.querySelectorAll("article.fact"));
  var ruler = Array.prototype.slice.call(document.querySelectorAll("#ruler .years li[data-year]"));
  var folded = null;

  // Case and accents ignored, as in the app's search.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(element, name) {
    return (element.getAttribute(name) || "").split(" ");
  }

  // The filters in the fragment; a fragment without "=" (an anchor such as #sources) sets none.
  function fromHash() {
    var hash = window.location.hash.replace(/^#/, "");
    var filters = { year: "", theme: "", source: "", q: "" };
    if (hash.indexOf("=") < 0) return filters;
    var params = new URLSearchParams(hash);
    KEYS.forEach(function (key) { filters[key] = params.get(key) || ""; });
    return filters;
  }

  function fromForm() {
    var filters = {};
    KEYS.forEach(function (key) { filters[key] = form.elements[key].value; });
    return filters;
  }

  function toForm(filters) {
    KEYS.forEach(function (key) { form.elements[key].value = filters[key]; });
  }

  function toHash(filters) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (filters[key]) params.set(key, filters[key]); });
    var text = params.toString();
    var url = text ? "#" + text : window.location.pathname + window.location.search;
    try {
      window.history.replaceState(null, "", url);
    } catch (error) {
      window.location.hash = text;
    }
  }

  function apply(filters) {
    var terms = fold(filters.q).split(/\s+/).filter(Boolean);
    if (terms.length && !folded) folded = events.map(function (e) { return fold(e.textContent); });
    var shown = 0;
    var visible = {};
    events.forEach(function (event, i) {
      var keep = (!filters.year || event.getAttribute("data-year") === filters.year) &&
        (!filters.theme || words(event, "data-themes").indexOf(filters.theme) >= 0) &&
        (!filters.source || words(event, "data-sources").indexOf(filters.source) >= 0) &&
        terms.every(function (term) { return folded[i].indexOf(term) >= 0; });
      event.hidden = !keep;
      if (keep) {
        shown += 1;
        visible[event.id] = true;
      }
    });
    years.forEach(function (year) { year.hidden = !year.querySelector("li.event:not([hidden])"); });
    facts.forEach(function (fact) {
      var event = fact.getAttribute("data-event");
      fact.hidden = Boolean(event) && !visible[event];
    });
    ruler.forEach(function (li) { li.classList.toggle("current", li.getAttribute("data-year") === filters.year); });
    var active = KEYS.some(function (key) { return filters[key]; });
    count.textContent = active
      ? shown + " of " + events.length + " events shown"
      : "All " + events.length + " events shown";
    // The heading's count says the same.
    if (total) total.textContent = active ? "(" + shown + " of " + events.length + ")" : "(" + events.length + ")";
    document.body.setAttribute("data-shown", String(shown));
  }

  function update() {
    var filters = fromForm();
    toHash(filters);
    apply(filters);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  window.addEventListener("hashchange", function () {
    var filters = fromHash();
    toForm(filters);
    apply(filters);
  });
  nav.hidden = false;
  var initial = fromHash();
  toForm(initial);
  apply(initial);
})();

/* The timeline's filters and "open all / close all", added on top of a page that reads fully without them.
 *
 * Reads only the contract markup (record_builder/templates, "Timeline markup"): every event is a
 * <details class="tl-event" id data-actors data-legal data-kind> with a one-line <summary>. The names
 * shown in the menus are the ones the page prints: the text of the event's links to actors/ID and
 * legal/ID pages. Kinds are a fixed list of the schema's words. No inline script and no handler
 * attribute (the site's Content-Security-Policy forbids both); works from file:// as online.
 * The state lives in the address's #fragment (#actor=ID&legal=ID&kind=KIND), so a filtered view
 * can be bookmarked and shared; a fragment naming an event opens that event.
 * Its words are in the page's language: a Spanish page gives this script its words in data-strings
 * (English text -> Spanish, from translations/es/site.po by the site plugin's accessibility.py).
 */
(function () {
  "use strict";

  var strings = JSON.parse((document.currentScript && document.currentScript.getAttribute("data-strings")) || "{}");
  function t(text, values) {
    return (strings[text] || text).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

  var events = Array.prototype.slice.call(document.querySelectorAll("details.tl-event"));
  if (!events.length) {
    return;
  }

  var KIND_LABELS = {
    "strike": t("Strike"),
    "military-deployment": t("Military deployment"),
    "military-incident": t("Military incident"),
    "designation": t("Designation"),
    "declaration": t("Declaration"),
    "diplomacy": t("Diplomacy"),
    "un-action": t("UN action"),
    "mobilisation": t("Mobilisation"),
    "legal-action": t("Legal action"),
    "report": t("Report")
  };
  var FILTERS = [
    { key: "actor", attribute: "data-actors", label: t("Actor"), all: t("All actors"), folder: "actors" },
    { key: "legal", attribute: "data-legal", label: t("Legal question"), all: t("All legal questions"), folder: "legal" },
    { key: "kind", attribute: "data-kind", label: t("Kind of event"), all: t("All kinds of event"), folder: null }
  ];
  // actors/ID/, actors/ID.html, ../actors/ID/index.html: the page a link opens, and its folder.
  var PAGE_LINK = /(?:^|\/)(actors|legal)\/([^\/?#]+?)(?:\.html|\.md|\/(?:index\.html)?)?(?:[?#].*)?$/;

  function words(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  function humanise(id) {
    var text = id.replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /* Every value each filter can take, with its label and how many events carry it. */
  function collectOptions() {
    var names = { actors: {}, legal: {} };
    events.forEach(function (event) {
      Array.prototype.forEach.call(event.querySelectorAll("a[href]"), function (link) {
        var match = PAGE_LINK.exec(link.getAttribute("href"));
        var text = link.textContent.replace(/\s+/g, " ").trim();
        if (match && text && !names[match[1]][match[2]]) {
          names[match[1]][match[2]] = text;
        }
      });
    });
    return FILTERS.map(function (filter) {
      var counts = {};
      events.forEach(function (event) {
        words(event.getAttribute(filter.attribute)).forEach(function (value) {
          counts[value] = (counts[value] || 0) + 1;
        });
      });
      var options = Object.keys(counts).map(function (value) {
        var label = filter.folder ? names[filter.folder][value] : KIND_LABELS[value];
        return { value: value, label: label || humanise(value), count: counts[value] };
      });
      var order = Object.keys(KIND_LABELS);
      options.sort(filter.key === "kind"
        ? function (a, b) { return order.indexOf(a.value) - order.indexOf(b.value) || a.value.localeCompare(b.value); }
        : function (a, b) { return a.label.localeCompare(b.label); });
      return { filter: filter, options: options };
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  var choices = collectOptions();
  var form = element("form", { "class": "tl-filter", "aria-label": t("Filter the timeline") });
  var fields = element("div", { "class": "tl-filter__fields" });
  var selects = {};
  choices.forEach(function (choice) {
    if (!choice.options.length) {
      return; // e.g. no event has a kind yet: no menu that could only say "all"
    }
    var id = "tl-filter-" + choice.filter.key;
    var field = element("div", { "class": "tl-filter__field" });
    field.appendChild(element("label", { "for": id }, choice.filter.label));
    var select = element("select", { "id": id, "name": choice.filter.key });
    select.appendChild(element("option", { "value": "" }, choice.filter.all));
    choice.options.forEach(function (option) {
      select.appendChild(element("option", { "value": option.value }, option.label + " (" + option.count + ")"));
    });
    field.appendChild(select);
    fields.appendChild(field);
    selects[choice.filter.key] = select;
  });
  var actions = element("div", { "class": "tl-filter__actions" });
  var openAll = element("button", { "type": "button", "class": "md-button" }, t("Open all"));
  var closeAll = element("button", { "type": "button", "class": "md-button" }, t("Close all"));
  var clear = element("button", { "type": "button", "class": "md-button" }, t("Clear filters"));
  actions.appendChild(openAll);
  actions.appendChild(closeAll);
  actions.appendChild(clear);
  var status = element("p", { "class": "tl-filter__status" }); // a live region once the first count is in
  form.appendChild(fields);
  form.appendChild(actions);
  form.appendChild(status);

  // Before the heading of the first event's month, or the first event itself.
  var anchor = events[0];
  for (var node = events[0].previousElementSibling; node; node = node.previousElementSibling) {
    if (/^H[1-6]$/.test(node.tagName)) {
      anchor = node.tagName === "H1" ? anchor : node;
      break;
    }
  }
  anchor.parentNode.insertBefore(form, anchor);

  function current() {
    var state = {};
    Object.keys(selects).forEach(function (key) { state[key] = selects[key].value; });
    return state;
  }

  function matches(event, state) {
    return FILTERS.every(function (filter) {
      var wanted = state[filter.key];
      return !wanted || words(event.getAttribute(filter.attribute)).indexOf(wanted) !== -1;
    });
  }

  /* Show the events that match, hide the month headings left with none, say how many are shown. */
  function apply() {
    var state = current();
    var shown = 0;
    events.forEach(function (event) {
      var show = matches(event, state);
      event.hidden = !show;
      shown += show ? 1 : 0;
    });
    // A month's heading, and the heading of its entries dated only to the month or a longer span:
    // each hidden when none of the entries under it is shown.
    var headings = document.querySelectorAll(".md-content h2, .md-content h3.tl-loose");
    Array.prototype.forEach.call(headings, function (heading) {
      var any = null;
      var ends = heading.tagName === "H2" ? /^H2$/ : /^H[23]$/;
      for (var next = heading.nextElementSibling; next && !ends.test(next.tagName); next = next.nextElementSibling) {
        if (next.classList.contains("tl-event")) {
          any = any || !next.hidden;
        }
      }
      if (any !== null) {
        heading.hidden = !any;
      }
    });
    var filtered = Object.keys(state).some(function (key) { return state[key]; });
    status.textContent = !filtered
      ? t("All {count} entries are shown.", { count: events.length })
      : shown === 0
        ? t("No entry matches these filters.")
        : t("Showing {shown} of {count} entries.", { shown: shown, count: events.length });
    clear.disabled = !filtered;
    return state;
  }

  function writeHash(state) {
    var parts = Object.keys(state).filter(function (key) { return state[key]; }).map(function (key) {
      return key + "=" + encodeURIComponent(state[key]);
    });
    var url = location.href.split("#")[0] + (parts.length ? "#" + parts.join("&") : "");
    try {
      history.replaceState(history.state, "", url);
    } catch (error) { // a browser that refuses it for this address: the filter still works
      return;
    }
  }

  /* A fragment with "=" is a filter state; any other names an element, whose event is opened. */
  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) { // a malformed %-escape: taken as it is
      return text;
    }
  }

  function readHash() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") !== -1) {
      var state = {};
      hash.split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        state[decode(pair.slice(0, at))] = decode(pair.slice(at + 1));
      });
      Object.keys(selects).forEach(function (key) {
        var select = selects[key];
        var value = state[key] || "";
        select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
      });
      apply();
      return;
    }
    var target = hash && document.getElementById(decode(hash));
    var event = target && target.closest ? target.closest("details.tl-event") : null;
    if (event) {
      if (event.hidden) {
        Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
        apply();
      }
      event.open = true;
      target.scrollIntoView();
    }
  }

  Object.keys(selects).forEach(function (key) {
    selects[key].addEventListener("change", function () { writeHash(apply()); });
  });
  function setOpen(open) {
    events.forEach(function (event) {
      if (!event.hidden) { event.open = open; }
    });
  }
  openAll.addEventListener("click", function () { setOpen(true); });
  closeAll.addEventListener("click", function () { setOpen(false); });
  clear.addEventListener("click", function () {
    Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
    writeHash(apply());
    var first = fields.querySelector("select");
    if (first) { first.focus(); }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", readHash);

  // A printed timeline shows every event in full; the reader's own view comes back afterwards.
  var openBeforePrint = null;
  window.addEventListener("beforeprint", function () {
    openBeforePrint = events.map(function (event) { return event.open; });
    events.forEach(function (event) { event.open = true; });
  });
  window.addEventListener("afterprint", function () {
    if (openBeforePrint) {
      events.forEach(function (event, i) { event.open = openBeforePrint[i]; });
      openBeforePrint = null;
    }
  });

  /* A search result opens the page with ?h=the+words (the theme then marks them): open the events
     that contain them, or the marks would sit unseen inside closed events. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var searched = new URLSearchParams(location.search).get("h");
  if (searched) {
    var terms = fold(searched).split(/\s+/).filter(function (term) { return term.length > 1; });
    events.forEach(function (event) {
      var text = fold(event.textContent);
      if (terms.some(function (term) { return text.indexOf(term) !== -1; })) {
        event.open = true;
      }
    });
  }

  apply();
  status.setAttribute("role", "status");
  document.documentElement.classList.add("tl-filter-ready"); // drops the space kept for the form (timeline.css)
  readHash();
})();

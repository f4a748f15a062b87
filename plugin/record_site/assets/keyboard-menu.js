/* The side menu by keyboard. Below 1220 px the theme shows the menu as a drawer opened by a <label>
 * for a hidden checkbox: a pointer can press it, the Tab key never reaches it. This puts a real button
 * in the label's place, drawn the same: it says whether the menu is open, Enter or Space opens the menu
 * and moves into it, Escape closes it and comes back. Without JavaScript the label stays as it was.
 * Its name is in the page's language: a Spanish page gives this script its words in data-strings
 * (the site plugin's accessibility.py).
 */
(function () {
  "use strict";

  var strings = JSON.parse((document.currentScript && document.currentScript.getAttribute("data-strings")) || "{}");

  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  if (!toggle || !label) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " a11y-menu-button";
  button.setAttribute("aria-label", strings["Menu"] || "Menu");
  while (label.firstChild) {
    button.appendChild(label.firstChild); // the theme's icon
  }
  label.parentNode.replaceChild(button, label);

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  button.addEventListener("click", function (event) {
    toggle.click(); // the theme follows the checkbox's change event
    var first = toggle.checked && event.detail === 0 // 0: pressed with a key, not clicked
      ? document.querySelector(".md-sidebar--primary .md-nav__link[href]")
      : null;
    if (first) {
      first.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
  toggle.addEventListener("change", sync);
  sync();
})();

// Small helps for the citizen pages. Every page works without them: they only save typing
// and scrolling (the page's security policy allows no inline script, hence this file).
(function () {
  "use strict";

  // Print the acknowledgement: the button stays hidden where there is no script to run it.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Narrow the office list while typing; the search button does the same on the server. An
  // office hidden by the typing is unchosen, so Continue never sends one the citizen cannot see.
  document.querySelectorAll("[data-filter-for]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-filter-for"));
    var noMatch = document.getElementById(input.getAttribute("data-no-match"));
    if (!list) { return; }
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      list.querySelectorAll("label").forEach(function (label) {
        var radio = label.querySelector("input");
        var show = label.textContent.toLocaleLowerCase().indexOf(wanted) !== -1 ||
          radio.value.toLocaleLowerCase().indexOf(wanted) !== -1;
        label.hidden = !show;
        if (!show) { radio.checked = false; }
        if (show) { shown += 1; }
      });
      if (noMatch) { noMatch.hidden = shown > 0; }
    });
  });

  // Show or hide parts of the form that a checkbox makes relevant (anonymous, on behalf).
  function toggler(attribute, showWhenChecked) {
    document.querySelectorAll("[" + attribute + "]").forEach(function (part) {
      var box = document.getElementById(part.getAttribute(attribute));
      if (!box) { return; }
      var update = function () { part.hidden = box.checked !== showWhenChecked; };
      box.addEventListener("change", update);
      update();
    });
  }
  toggler("data-shown-by", true);
  toggler("data-hidden-by", false);

  // The header's language link is a plain link and would drop what was typed: on a page whose
  // form has its own language button, the link presses that button instead, so the form is
  // sent along and comes back filled in, in the other language.
  var formSwitch = document.querySelector("button[data-language-switch]");
  if (formSwitch) {
    document.querySelectorAll("header a[hreflang]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        formSwitch.form.requestSubmit(formSwitch);
      });
    });
  }

  // Take keyboard and screen-reader users straight to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

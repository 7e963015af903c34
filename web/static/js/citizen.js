// Small helps for the citizen pages. Every page works without them: they only save typing
// and scrolling (the page's security policy allows no inline script, hence this file).
(function () {
  "use strict";

  // Print the acknowledgement: the button stays hidden where there is no script to run it.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Narrow the office list while typing; the search button does the same on the server.
  document.querySelectorAll("[data-filter-for]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-filter-for"));
    if (!select) { return; }
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase();
      var firstShown = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var show = option.text.toLocaleLowerCase().indexOf(wanted) !== -1 ||
          option.value.toLocaleLowerCase().indexOf(wanted) !== -1;
        option.hidden = !show;
        if (show && firstShown === null) { firstShown = option; }
      });
      if (firstShown && select.selectedOptions[0] && select.selectedOptions[0].hidden) {
        firstShown.selected = true;
      }
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

  // Take keyboard and screen-reader users straight to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

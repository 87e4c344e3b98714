// bantin studio: the preview follows the form as it is typed (nothing is saved), keeping its
// scroll position; without JavaScript the preview is the saved page, reloaded after each save.
(function () {
  "use strict";
  var form = document.querySelector("form.fields[data-preview]");
  var frame = document.getElementById("bantin-preview");
  var problems = document.getElementById("bantin-preview-problems");
  if (!form || !frame || !window.fetch || !window.URLSearchParams) return;
  var timer = null, running = false, again = false;
  function show(text) {
    problems.hidden = !text;
    problems.querySelector("pre").textContent = text || "";
  }
  function refresh() {
    if (running) { again = true; return; }
    running = true;
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      credentials: "same-origin",
      body: new URLSearchParams(new FormData(form))
    }).then(function (response) {
      return response.text().then(function (text) {
        if (response.ok) {
          var y = 0;
          try { y = frame.contentWindow.scrollY; } catch (e) {}
          frame.onload = function () {
            try { frame.contentWindow.scrollTo(0, y); } catch (e) {}
          };
          // The page's relative links resolve as on the page itself.
          var base = '<base href="' + frame.getAttribute("data-url") + '">';
          frame.srcdoc = text.replace(/<head([^>]*)>/i, "<head$1>" + base);
          show("");
        } else {
          show(text);
        }
      });
    }).catch(function () {}).then(function () {
      running = false;
      if (again) { again = false; refresh(); }
    });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
})();

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
  // The text's problems beside their fields, as the saved build's are.
  function markFields(problems) {
    Array.prototype.forEach.call(form.querySelectorAll(".field-problem"), function (box) {
      var key = box.id.replace("bantin-problem-", "");
      var mine = problems.filter(function (p) { return p.key === key; });
      box.textContent = mine.map(function (p) { return p.message; }).join("\n");
      var control = form.elements["f." + key];
      if (control && control.setAttribute) {
        if (mine.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    });
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
        markFields(response.status === 422 ? JSON.parse(text) : []);
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
        } else if (response.status === 422) {
          show(JSON.parse(text).map(function (p) { return p.message; }).join("\n"));
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
// Adding a picture: sent on its own (the form keeps what was typed), stored in the item's
// bundle; then put in the text at the cursor, or made the item's picture.
(function () {
  "use strict";
  var box = document.getElementById("bantin-picture");
  var form = document.querySelector("form.fields");
  if (!box || !form || !window.fetch) return;
  box.hidden = false;
  var file = document.getElementById("bantin-picture-file");
  var alt = document.getElementById("bantin-picture-alt");
  var status = document.getElementById("bantin-picture-status");
  var body = form.elements["body"];
  function send(use) {
    var picture = file.files && file.files[0];
    if (!picture) { file.focus(); return; }
    if (!alt.value.trim()) {
      status.textContent = box.getAttribute("data-need-alt");
      alt.focus();
      return;
    }
    var path = form.elements["path"];
    var url = box.getAttribute("data-upload") + "?path=" + encodeURIComponent(path.value) +
      "&name=" + encodeURIComponent(picture.name);
    fetch(url, {
      method: "POST", credentials: "same-origin", body: picture,
      headers: { "X-Bantin-Csrf": form.elements["csrf"].value }
    }).then(function (response) {
      return response.ok ? response.json() : response.text().then(function (t) { throw t; });
    }).then(function (sent) {
      if (!sent.moved) return sent;
      // The item became a bundle: its file moved one folder down, and the relative links
      // of what is typed follow it as those of the file did.
      var text = new URLSearchParams();
      text.set("csrf", form.elements["csrf"].value);
      text.set("body", body ? body.value : "");
      text.set("base", form.elements["base"].value);
      return fetch(box.getAttribute("data-upload").replace(/upload$/, "relink"), {
        method: "POST", credentials: "same-origin", body: text
      }).then(function (r) { return r.json(); }).then(function (relinked) {
        if (body) body.value = relinked.body;
        form.elements["base"].value = relinked.base;
        form.elements["version"].value = relinked.version;
        return sent;
      });
    }).then(function (sent) {
      // The item may have become a bundle: its file moved.
      path.value = sent.path;
      history.replaceState(null, "", location.pathname + "?path=" + encodeURIComponent(sent.path));
      var text = alt.value.trim().replace(/[\[\]]/g, "");
      if (use === "main" && form.elements["f.image"]) {
        form.elements["f.image"].value = sent.file;
        form.elements["f.image_alt"].value = text;
      } else if (body) {
        var at = body.selectionStart || body.value.length;
        var mark = "\n\n![" + text + "](" + sent.file + ")\n\n";
        body.value = body.value.slice(0, at) + mark + body.value.slice(at);
      }
      status.textContent = box.getAttribute("data-sent").replace("{file}", sent.file);
      // After the rebuild has taken the new picture in, the preview shows it.
      setTimeout(function () { form.dispatchEvent(new Event("input")); }, 400);
    }).catch(function (problem) { status.textContent = String(problem); });
  }
  box.addEventListener("click", function (event) {
    var use = event.target.getAttribute && event.target.getAttribute("data-use");
    if (use) send(use);
  });
  if (body) {
    body.addEventListener("dragover", function (event) { event.preventDefault(); });
    body.addEventListener("drop", function (event) {
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) return;
      event.preventDefault();
      file.files = files;
      alt.focus();
    });
  }
})();
// A bulletin's items: pick one by its title (no tone marks needed) and it is added as the
// last line of the list.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-adds]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = input.form.elements[input.getAttribute("data-adds")];
    var known = document.getElementById(input.getAttribute("list"));
    if (!list || !known) return;
    input.parentNode.hidden = false;
    input.addEventListener("change", function () {
      var value = input.value.trim();
      var isReference = Array.prototype.some.call(known.options, function (o) { return o.value === value; });
      if (!isReference) return;
      var lines = list.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      if (lines.indexOf(value) < 0) lines.push(value);
      list.value = lines.join("\n") + "\n";
      input.value = "";
      list.form.dispatchEvent(new Event("input"));
    });
  });
})();
// The toolbar: Markdown around the selection (or at the cursor), and links to other items as
// the content format writes them (a path relative to this file).
(function () {
  "use strict";
  var bar = document.getElementById("bantin-toolbar");
  var form = document.querySelector("form.fields");
  var body = form && form.elements["body"];
  if (!bar || !body) return;
  bar.hidden = false;
  function edit(make) {
    var from = body.selectionStart, to = body.selectionEnd;
    var made = make(body.value.slice(from, to));
    body.setRangeText(made, from, to, "end");
    body.focus();
    form.dispatchEvent(new Event("input"));
  }
  function lines(prefix) {
    return function (text) {
      return (text || "").split("\n").map(function (l) { return prefix + l; }).join("\n");
    };
  }
  var tools = {
    heading: lines("## "),
    bold: function (t) { return "**" + (t || "") + "**"; },
    italic: function (t) { return "_" + (t || "") + "_"; },
    list: lines("- "),
    quote: lines("> ")
  };
  bar.addEventListener("click", function (event) {
    var tool = tools[event.target.getAttribute && event.target.getAttribute("data-tool")];
    if (tool) edit(tool);
  });
  var link = bar.querySelector("input[data-tool=link]");
  var known = document.getElementById("bantin-links");
  link.addEventListener("change", function () {
    var target = link.value.trim();
    var option = Array.prototype.find.call(known.options, function (o) { return o.value === target; });
    if (!option) return;
    // content/articles/x.md is one folder deep: ../models/y.md; a bundle's index.md two.
    var depth = form.elements["path"].value.replace(/^content\//, "").split("/").length - 1;
    var href = new Array(depth + 1).join("../") + target;
    var title = (option.label || target).replace(/ \([^)]*\)$/, "").replace(/[\[\]]/g, "");
    link.value = "";
    edit(function (t) { return "[" + (t || title) + "](" + href + ")"; });
  });
})();

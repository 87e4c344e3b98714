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
        // A paragraph of its own: one blank line before and after, however the text ends.
        var at = body.selectionStart || body.value.length;
        var before = body.value.slice(0, at).replace(/\n+$/, "");
        var after = body.value.slice(at).replace(/^\n+/, "");
        var mark = "![" + text + "](" + sent.file + ")";
        body.value = (before ? before + "\n\n" : "") + mark + (after ? "\n\n" + after : "\n");
        body.selectionStart = body.selectionEnd = (before ? before.length + 2 : 0) + mark.length;
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
// last line of the list; move them up and down, or take one out, with buttons.
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
      render();
      list.form.dispatchEvent(new Event("input"));
    });
    // The items in order, each with buttons to move it up or down or take it out.
    var order = document.createElement("ol");
    order.className = "order";
    order.setAttribute("aria-label", input.getAttribute("data-order"));
    var field = input.closest("label") || input.parentNode;
    field.parentNode.insertBefore(order, field.nextSibling);
    function refs() {
      return list.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
    }
    function titleOf(ref) {
      var o = Array.prototype.find.call(known.options, function (o) { return o.value === ref; });
      return o && o.label ? o.label.replace(/ \([^)]*\)$/, "") : ref;
    }
    function render(focus) {
      order.textContent = "";
      refs().forEach(function (ref, i, all) {
        var li = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = titleOf(ref);
        li.appendChild(name);
        [["up", "\u2191", i > 0], ["down", "\u2193", i < all.length - 1], ["remove", "\u2715", true]]
          .forEach(function (b) {
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = b[1];
            button.setAttribute("aria-label", input.getAttribute("data-" + b[0]) + ": " + titleOf(ref));
            button.setAttribute("data-move", b[0]);
            button.setAttribute("data-at", i);
            button.disabled = !b[2];
            li.appendChild(button);
          });
        order.appendChild(li);
      });
      // The focus stays with the item that moved (or on the next one, once one is taken out).
      if (focus) {
        var at = order.querySelectorAll("li")[focus[1]];
        var button = at && at.querySelector("[data-move=" + focus[0] + "]:not(:disabled)");
        if (button) button.focus(); else if (at) at.querySelector("button:not(:disabled)").focus();
      }
    }
    order.addEventListener("click", function (event) {
      var move = event.target.getAttribute("data-move");
      if (!move) return;
      var at = +event.target.getAttribute("data-at"), lines = refs();
      var item = lines.splice(at, 1)[0], to = at;
      if (move === "up") to = at - 1;
      if (move === "down") to = at + 1;
      if (move !== "remove") lines.splice(to, 0, item);
      list.value = lines.length ? lines.join("\n") + "\n" : "";
      render([move, Math.min(to, lines.length - 1)]);
      list.form.dispatchEvent(new Event("input"));
    });
    list.addEventListener("input", function () { render(); });
    render();
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

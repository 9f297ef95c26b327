// regtext serve: keeps the form's unsaved state in this tab's sessionStorage (gone when the tab
// closes; never sent anywhere but this server), so a reload or the back button brings it back.
// A file of its own: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var form = document.getElementById("case-form");
  if (!form) return;
  var key = "regtext:" + location.pathname + location.search;
  var csrf = form.elements.csrf.value;

  function state() {
    var params = new URLSearchParams(new FormData(document.getElementById("case-form")));
    params.delete("csrf");
    return params.toString();
  }
  function keep(event) {
    if (event.target.form && event.target.form.id === "case-form") sessionStorage.setItem(key, state());
  }
  document.addEventListener("input", keep);
  document.addEventListener("change", keep);
  // Enter in a one-line field would submit the form with its first button (保存草稿).
  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key === "Enter" && field.form && field.form.id === "case-form" && field.tagName === "INPUT") {
      event.preventDefault();
    }
  });
  var fresh = document.getElementById("new-draft");
  if (fresh) fresh.addEventListener("click", function () { sessionStorage.removeItem("regtext:/"); });

  var kept = sessionStorage.getItem(key);
  if (!kept || kept === state()) return;
  var body = new URLSearchParams(kept);
  body.set("csrf", csrf);
  fetch("/ui/page", {method: "POST", body: body, headers: {"X-CSRF-Token": csrf}})
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      ["case-form", "live"].forEach(function (id) {
        document.getElementById(id).replaceWith(document.adoptNode(page.getElementById(id)));
      });
      htmx.process(document.getElementById("case-form"));
      document.documentElement.setAttribute("data-restored", "true");
    })
    .catch(function () { /* the page as the server sent it stays */ });
})();

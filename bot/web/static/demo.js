// The demo page's municipality chooser: tells the widget, without a reload (the form still works without script).
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("gemeente");
  var form = document.getElementById("kies-gemeente");
  form.addEventListener("submit", function (e) {
    if (!window.Loketwijzer) { return; }
    e.preventDefault();
    window.Loketwijzer.setGemeente(select.value);
    history.replaceState(null, "", "?gemeente=" + encodeURIComponent(select.value));
  });
});

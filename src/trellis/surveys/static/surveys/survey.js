// Survey pages: warn before a time-out (WCAG 2.2.1) and ignore a second click on "Submit".
// The server records one response per link whatever the browser does; this only spares a round trip.
(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  var alertBox = document.getElementById("survey-timeout");
  if (!form || !alertBox) { return; }
  var text = alertBox.querySelector(".usa-alert__text");
  var idleMs = parseInt(form.dataset.idleWarning || "1200", 10) * 1000;
  var closeWarningMs = parseInt(form.dataset.closeWarning || "600", 10) * 1000;
  var closesAt = Date.now() + parseInt(form.dataset.secondsLeft || "0", 10) * 1000;
  var idleTimer = null;

  function show(message) {
    text.textContent = message;
    alertBox.hidden = false;
    var save = alertBox.querySelector("button");
    if (save) { save.focus(); }
  }
  function armIdle() {
    if (idleTimer) { window.clearTimeout(idleTimer); }
    idleTimer = window.setTimeout(function () { show(text.dataset.idleText); }, idleMs);
  }
  alertBox.querySelector("[data-extend]").addEventListener("click", function () {
    alertBox.hidden = true;
    armIdle();
  });
  form.addEventListener("change", armIdle);
  armIdle();
  var untilCloseWarning = closesAt - closeWarningMs - Date.now();
  if (untilCloseWarning < 2147483647) {
    window.setTimeout(function () { show(text.dataset.closeText); }, Math.max(0, untilCloseWarning));
  }

  var submitted = false;
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("data-submit-once")) {
      if (submitted) { event.preventDefault(); return; }
      submitted = true;
      submitter.setAttribute("aria-disabled", "true");
    }
  });
}());

// Progressive enhancement only: every page works without this file.
// Print buttons work only with JavaScript: those rendered `hidden` appear only here (without
// JavaScript the page says how to print instead).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
  button.hidden = false;  // a Print button that would do nothing without this file is hidden until now
});

// Times rendered in UTC (`<time data-local-time datetime=...>`) shown in the reader's own time
// zone, named, in the page's language (<html lang>; the zone's label comes translated in
// `data-zone-label`, "ZONE" standing for the zone); without JavaScript the UTC time stays, labelled as such.
(function () {
  document.querySelectorAll("time[data-local-time]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) { return; }
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      var text = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
      }).format(when);
      var label = el.getAttribute("data-zone-label") || "(ZONE time)";
      el.textContent = zone ? text + " " + label.replace("ZONE", zone.replace(/_/g, " ")) : text;
    } catch (e) { /* keep the UTC time */ }
  });
})();

// Diary: use the browser's time zone and local "now" for new entries and new diaries. Without
// this, the server's defaults (the diary's zone) apply and the person can still type the time.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) { return; }
  // A new diary's time-zone list: preselect the browser's zone (adding it if the list names it differently).
  document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
    var listed = Array.prototype.some.call(select.options, function (option) { return option.value === zone; });
    if (!listed) { select.insertBefore(new Option(zone, zone), select.firstChild); }
    select.value = zone;
  });
  document.querySelectorAll("input[data-browser-timezone]").forEach(function (input) {
    var form = input.form;
    var when = form && form.querySelector("input[name=occurred_at]");
    if (when && form.hasAttribute("data-new-entry") && input.value !== zone && !form.querySelector(".error-message")) {
      var now = new Date();
      var pad = function (n) { return String(n).padStart(2, "0"); };
      when.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) +
        "T" + pad(now.getHours()) + ":" + pad(now.getMinutes());
      var label = form.querySelector("[data-timezone-label]");
      if (label) { label.textContent = zone; }
    }
    if (!form || !form.querySelector(".error-message")) { input.value = zone; }
  });
})();

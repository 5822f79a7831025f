// While an allocation run is queued or running, ask for its state now and then and reload the page once it has
// finished, so the preview (or the reason it failed) shows by itself. Without JavaScript the page's Refresh link does it.
(function () {
  "use strict";
  var box = document.getElementById("run-status");
  if (!box || !window.fetch) { return; }
  var delay = 1500;
  function schedule() {
    window.setTimeout(poll, delay);
    delay = Math.min(delay * 1.5, 15000);
  }
  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (data.working) { schedule(); } else { window.location.reload(); }
      })
      .catch(schedule);
  }
  schedule();
}());

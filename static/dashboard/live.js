// Keeps the dashboard's figures fresh without a full reload: every so often, while the page is visible, fetch the
// figures fragment and swap it in, then redraw the charts. Without JavaScript the page still shows every figure
// and a "Refresh now" link.
(() => {
  const live = document.getElementById("live");
  if (!live || !window.fetch) {
    return;
  }
  const seconds = Number(live.dataset.refreshSeconds) || 45;
  live.querySelectorAll(".live-note").forEach((note) => note.classList.remove("d-none"));

  async function refresh() {
    if (document.visibilityState !== "visible") {
      return;
    }
    try {
      const response = await fetch(live.dataset.liveUrl, { credentials: "same-origin", headers: { Accept: "text/html" } });
      // A signed-out session is sent to the login page: keep the figures on screen rather than swap in a form.
      if (!response.ok || response.redirected) {
        return;
      }
      const open = Array.from(live.querySelectorAll("details[open][id]"), (details) => details.id);
      live.innerHTML = await response.text();
      open.forEach((id) => document.getElementById(id)?.setAttribute("open", ""));
      live.querySelectorAll(".live-note").forEach((note) => note.classList.remove("d-none"));
      if (window.drawDashboardCharts) {
        window.drawDashboardCharts();
      }
    } catch {
      // Offline for a moment: try again next time.
    }
  }

  window.setInterval(refresh, seconds * 1000);
})();

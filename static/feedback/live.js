// Reload the organisers' survey list now and then, so responses can be watched as they arrive.
// It waits while the page is hidden and never reloads over a half-used form.
const note = document.querySelector("[data-refresh-seconds]");
if (note) {
  const seconds = Number(note.dataset.refreshSeconds) || 30;
  window.setInterval(() => {
    const busy = document.activeElement && document.activeElement.matches("input, select, textarea");
    if (document.visibilityState === "visible" && !busy) {
      window.location.reload();
    }
  }, seconds * 1000);
}

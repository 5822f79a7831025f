// Disable the send button once the survey form is on its way, so a double tap posts once.
// (The server counts a repeated post once anyway; this only saves a round trip.)
document.querySelectorAll("form[data-submit-once]").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      window.setTimeout(() => { button.disabled = true; }, 0);
    });
  });
});

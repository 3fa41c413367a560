// Small progressive enhancements. The site works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Submit a select's form on change where marked (e.g. filters), for keyboard and mouse alike.
  document.querySelectorAll("[data-autosubmit]").forEach((el) => {
    el.addEventListener("change", () => el.form && el.form.requestSubmit());
  });
});

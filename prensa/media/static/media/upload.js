// Drag and drop onto the upload form: the dropped files go into its file input, and the
// form is sent as if they had been chosen. Without this script the input works alone.
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("[data-drop-zone]")) {
    const input = form.querySelector("input[type=file]");
    const hint = form.querySelector("[data-drop-hint]");
    if (!input || typeof DataTransfer === "undefined") continue;
    if (hint) hint.hidden = false;
    const active = (on) => form.classList.toggle("upload-form--over", on);
    form.addEventListener("dragover", (event) => { event.preventDefault(); active(true); });
    form.addEventListener("dragleave", () => active(false));
    form.addEventListener("drop", (event) => {
      event.preventDefault();
      active(false);
      const files = new DataTransfer();
      for (const file of event.dataTransfer.files) files.items.add(file);
      input.files = files.files;
      if (input.files.length) form.requestSubmit();
    });
  }
});

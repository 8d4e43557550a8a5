// The review page while a draft is being made: ask the desk for the edition's state
// every few seconds and show the draft when it is ready. The page is reloaded only if
// nobody has typed into a paragraph; otherwise a notice asks the translator to save
// first, so no words are lost. Without JavaScript the page offers a reload link.
(() => {
  "use strict";

  const state = document.querySelector("[data-job-active][data-status-url]");
  if (!state) return;
  const ready = document.querySelector("[data-job-ready]");
  const every = Number(state.dataset.pollMs) || 3000;

  const typing = () =>
    Array.from(document.querySelectorAll("textarea")).some(
      (area) => area.value !== area.defaultValue,
    );

  const poll = async () => {
    let status;
    try {
      const response = await fetch(state.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      status = await response.json();
    } catch {
      window.setTimeout(poll, every * 3); // the desk is unreachable: try again, later
      return;
    }
    if (status.active) {
      window.setTimeout(poll, every);
    } else if (typing()) {
      if (ready) ready.hidden = false;
    } else {
      window.location.reload();
    }
  };

  window.setTimeout(poll, every);
})();

// The review page as a CAT tool: keyboard shortcuts and auto-save.
//
// Without JavaScript every paragraph has its own form with "Save" and "Save and confirm"
// buttons, and the page works the same. With it:
//   Alt+ArrowDown / Alt+ArrowUp  next / previous paragraph
//   F2, or Enter on a paragraph  edit it (focus its text)
//   Escape in the text           back to the paragraph
//   Ctrl+Enter (or Cmd+Enter)    confirm the paragraph; the desk then opens the next one
// Typing is saved a moment after it stops (as "edited, not confirmed"); the form's
// version field follows each save, so confirming afterwards is never taken for someone
// else's change. Everything is driven by data- attributes (strict CSP, no inline script).
(() => {
  "use strict";

  const review = document.querySelector("[data-review]");
  if (!review) return;
  const shortcuts = document.querySelector("[data-shortcuts]");
  if (shortcuts) shortcuts.hidden = false;
  const paragraphs = () => Array.from(review.querySelectorAll("[data-segment]"));
  const DELAY = 800;

  const current = () => {
    const active = document.activeElement;
    return active ? active.closest("[data-segment]") : null;
  };

  const go = (segment) => {
    if (!segment) return;
    segment.focus();
    segment.scrollIntoView({ block: "center" });
  };

  const move = (step) => {
    const all = paragraphs();
    const here = current();
    const index = here ? all.indexOf(here) : step > 0 ? -1 : all.length;
    go(all[Math.min(Math.max(index + step, 0), all.length - 1)]);
  };

  const edit = (segment) => {
    const area = segment && segment.querySelector("textarea");
    if (area) {
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    }
  };

  // Auto-save, one queue per form so saves of the same paragraph never overtake each other.
  const pending = new WeakMap();
  const timers = new WeakMap();
  const said = (form, text) => {
    const segment = form.closest("[data-segment]");
    const status = segment && segment.querySelector("[data-save-status]");
    if (status) status.textContent = text;
  };

  // While a draft is being made the desk saves nothing by itself: desk.js then asks the
  // translator to save before the page shows the new draft.
  const drafting = Boolean(document.querySelector("[data-job-active]"));

  const save = (form) => {
    window.clearTimeout(timers.get(form));
    if (drafting) return pending.get(form) || Promise.resolve();
    const before = pending.get(form) || Promise.resolve();
    const run = before.then(async () => {
      const area = form.querySelector("textarea");
      if (!area || area.value === area.defaultValue) return;
      const data = new FormData(form);
      data.set("action", "save");
      const sent = area.value;
      said(form, review.dataset.savingText || "…");
      try {
        // A control named "action" shadows form.action: read the attribute.
        const response = await fetch(form.getAttribute("action"), {
          method: "POST",
          body: data,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        const json = (response.headers.get("Content-Type") || "").includes("json");
        const outcome = json ? await response.json() : {};
        if (!response.ok) {
          said(form, `${review.dataset.failedText || ""} ${outcome.error || response.status}`);
          return;
        }
        form.querySelector("[name=based_on]").value = outcome.version;
        area.defaultValue = sent; // what the desk now holds
        const segment = form.closest("[data-segment]");
        segment.dataset.state = outcome.state;
        const badge = segment.querySelector("[data-badge]");
        if (badge) {
          badge.textContent = outcome.label;
          badge.className = `badge badge--${outcome.state}`;
        }
        said(form, review.dataset.savedText || "");
      } catch (error) {
        said(form, `${review.dataset.failedText || ""} ${error.message || error}`);
      }
    });
    pending.set(form, run);
    return run;
  };

  const confirm = async (segment) => {
    const form = segment && segment.querySelector("[data-segment-form]");
    if (!form) return;
    await save(form); // the version field must name what the desk holds before confirming
    const button = form.querySelector("[data-confirm]");
    form.requestSubmit(button);
  };

  review.addEventListener("input", (event) => {
    const form = event.target.closest("[data-segment-form]");
    if (!form || event.target.tagName !== "TEXTAREA") return;
    window.clearTimeout(timers.get(form));
    timers.set(
      form,
      window.setTimeout(() => save(form), DELAY),
    );
  });

  review.addEventListener("focusout", (event) => {
    if (event.target.tagName === "TEXTAREA") save(event.target.form);
  });

  // A plain submit (a button, Enter on a checkbox) waits for a save in flight, too.
  review.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-segment-form]") || form.dataset.settled) return;
    event.preventDefault();
    const submitter = event.submitter;
    (pending.get(form) || Promise.resolve()).then(() => {
      form.dataset.settled = "1";
      form.requestSubmit(submitter);
    });
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
      return;
    }
    const segment = current();
    if (!segment) return;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      confirm(segment);
    } else if (event.key === "F2" || (event.key === "Enter" && event.target === segment)) {
      event.preventDefault();
      edit(segment);
    } else if (event.key === "Escape" && event.target.tagName === "TEXTAREA") {
      event.preventDefault();
      save(event.target.form);
      segment.focus();
    }
  });

  // After a confirmation the desk sends the page to the next paragraph to confirm.
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && (target.matches("[data-segment]") || target.id === "progress")) target.focus();
})();

"use strict";
// select2's box is a textbox named only by its chosen value's title: an empty box has no
// name for screen readers (axe: aria-input-field-name). Name it with the field's placeholder
// ("Search: Credit"), which prensa.admin sets on the underlying select.
{
    const nameBox = (rendered) => {
        if (rendered.hasAttribute("aria-label")) {
            return;
        }
        const id = rendered.id.replace(/^select2-/, "").replace(/-container$/, "");
        const select = document.getElementById(id);
        if (select && select.dataset.placeholder) {
            rendered.setAttribute("aria-label", select.dataset.placeholder);
        }
    };
    new MutationObserver(() => {
        document.querySelectorAll(".select2-selection__rendered[id]").forEach(nameBox);
    }).observe(document.documentElement, {childList: true, subtree: true});
}

// Move each paragraph's questions for the author next to that paragraph on the review page.
// Without JavaScript they stay listed at the end of the page, each linking to its paragraph.
document.querySelectorAll("[data-queries-for]").forEach((block) => {
  const target = document.querySelector(`#segment-${block.dataset.queriesFor} .segment__target`);
  if (target) {
    block.classList.add("queries__paragraph--inline");
    target.appendChild(block);
  }
});

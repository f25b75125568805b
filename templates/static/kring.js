// Small comforts on top of pages that work without JavaScript.
// "/" focuses the search box, unless the member is typing somewhere.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement;
  if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
  const box = document.getElementById('site-q');
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});

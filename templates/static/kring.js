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

// Search as you type: page titles under the header search box (a combobox with a listbox, as
// in the WAI-ARIA Authoring Practices). Without JavaScript the box is a plain search form.
// Arrow keys move through the titles, Enter opens the chosen one (or searches when none is
// chosen), Escape closes the list; a click on a title opens the page.
(() => {
  const box = document.getElementById('site-q');
  if (!box || !window.fetch) return;
  const form = box.form;
  const list = document.createElement('ul');
  list.id = 'site-q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', box.dataset.suggestLabel || '');
  list.hidden = true;
  form.appendChild(list);
  box.setAttribute('role', 'combobox');
  box.setAttribute('aria-autocomplete', 'list');
  box.setAttribute('aria-controls', list.id);
  box.setAttribute('aria-expanded', 'false');

  let timer = 0;
  let asked = '';   // the prefix of the latest request; older answers are dropped
  let active = -1;  // index of the highlighted option, -1 for none

  const options = () => Array.from(list.children);
  const close = () => {
    list.hidden = true;
    active = -1;
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
  };
  const highlight = (index) => {
    const all = options();
    active = index;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) box.setAttribute('aria-activedescendant', all[index].id);
    else box.removeAttribute('aria-activedescendant');
  };
  const show = (pages) => {
    list.replaceChildren(...pages.map((page, i) => {
      const option = document.createElement('li');
      option.id = 'site-q-option-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      const link = document.createElement('a');
      link.href = page.url;
      link.tabIndex = -1;
      link.textContent = page.title;  // text, never HTML
      option.appendChild(link);
      return option;
    }));
    active = -1;
    list.hidden = pages.length === 0;
    box.setAttribute('aria-expanded', String(pages.length > 0));
  };
  const ask = async (prefix) => {
    asked = prefix;
    try {
      const response = await fetch('/api/v1/suggest?q=' + encodeURIComponent(prefix));
      if (!response.ok) throw new Error('suggest answered ' + response.status);
      const pages = await response.json();
      if (prefix === asked && box.value.trim() === prefix) show(pages);
    } catch (error) {
      close();  // the form still searches; suggestions are a comfort
      console.warn('Kring suggestions:', error);
    }
  };

  box.addEventListener('input', () => {
    clearTimeout(timer);
    const prefix = box.value.trim();
    if (!prefix) {
      asked = '';
      close();
      return;
    }
    timer = setTimeout(() => ask(prefix), 150);
  });
  box.addEventListener('keydown', (event) => {
    const count = options().length;
    if (event.key === 'ArrowDown' && count && !list.hidden) {
      event.preventDefault();
      highlight((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count && !list.hidden) {
      event.preventDefault();
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.href = options()[active].querySelector('a').href;
    }
  });
  // Keep the focus in the box while a title is clicked, so the blur below does not close the
  // list before the click lands.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  box.addEventListener('blur', close);
})();

// Drafts the editor keeps in this browser (editor.js, "kring-draft:" keys) belong to the member
// who typed them: logging out (data-forget-drafts forms) removes them, so the next person at a
// shared computer does not find them.
document.addEventListener('submit', (event) => {
  if (!event.target.matches('form[data-forget-drafts]')) return;
  try {
    const keys = Object.keys(window.localStorage).filter((key) => key.startsWith('kring-draft:'));
    keys.forEach((key) => window.localStorage.removeItem(key));
  } catch (error) {
    console.warn('Kring drafts:', error);  // storage refused: nothing was kept either
  }
});

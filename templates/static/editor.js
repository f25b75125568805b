// The page editor's comforts, on top of a form that works without JavaScript (edit.mustache):
// a live preview rendered by the server, a formatting toolbar, wiki-link title completion,
// files dropped or pasted into the text (uploaded and linked) and drafts kept in this browser.
// Every text comes from the form's data-t-* attributes (the message catalogues).
(() => {
  const area = document.querySelector('form.editor textarea[name="body"]');
  if (!area || !window.fetch) return;
  const form = area.form;
  const t = (name) => form.dataset['t' + name] || '';
  const csrf = (form.querySelector('input[name="csrf"]') || {}).value || '';
  const base = form.querySelector('input[name="base_revision"]');
  const title = form.querySelector('input[name="title"]');
  const slug = form.dataset.slug || '';
  const field = area.closest('.field') || area.parentNode;
  const changed = () => area.dispatchEvent(new Event('input', {bubbles: true}));

  // A status line under the text for uploads and the preview's trouble.
  const status = document.createElement('p');
  status.className = 'editor-status help';
  status.setAttribute('role', 'status');
  const say = (text) => {
    status.classList.remove('warning');
    status.textContent = text;
  };
  // A warning in the status line, said again (and so announced again) even when it is the
  // text the line already shows.
  const warn = (text) => {
    status.textContent = '';
    status.classList.add('warning');
    setTimeout(() => { status.textContent = text; }, 50);
  };
  // What the status line says when nothing happens: files can be dropped, or not yet.
  const idle = slug ? t('DropHelp') : t('UploadNewPage');

  // Replaces the selection with `text` and selects [from, to) of it (the whole insert when not
  // given); through the undo stack where the browser allows.
  const insert = (text, from, to) => {
    const start = area.selectionStart;
    area.focus();
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      area.setRangeText(text, start, area.selectionEnd, 'end');
      changed();
    }
    area.setSelectionRange(start + (from ?? text.length), start + (to ?? text.length));
  };
  const selected = () => area.value.slice(area.selectionStart, area.selectionEnd);
  // Wraps the selection in `mark` (bold, italic); a sample word selected when nothing was.
  const wrap = (mark) => {
    const text = selected() || t('SampleText');
    insert(mark + text + mark, mark.length, mark.length + text.length);
  };
  // Prefixes every line the selection touches (headings, lists).
  const prefixLines = (prefix) => {
    const lineStart = area.value.lastIndexOf('\n', area.selectionStart - 1) + 1;
    area.setSelectionRange(lineStart, area.selectionEnd);
    const lines = (selected() || t('SampleText')).split('\n');
    insert(lines.map((line) => prefix + line).join('\n'));
  };
  // Starts a block on a line of its own, with an empty line before it.
  const blockStart = () => {
    const before = area.value.slice(0, area.selectionStart);
    return before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  };

  const actions = {
    Bold: () => wrap('**'),
    Italic: () => wrap('_'),
    Heading: () => prefixLines('## '),
    List: () => prefixLines('- '),
    Link: () => {
      const text = selected() || t('SampleText');
      const link = '[' + text + '](https://)';
      insert(link, text.length + 3, link.length - 1);
    },
    Wikilink: () => {
      const text = selected() || t('SampleTitle');
      insert('[[' + text + ']]', 2, 2 + text.length);
    },
    Table: () => {
      const column = t('SampleColumn');
      const lead = blockStart();
      insert(lead + '| ' + column + ' 1 | ' + column + ' 2 |\n|---|---|\n|  |  |\n',
             lead.length + 2, lead.length + 2 + column.length + 2);
    },
  };
  const toolbar = document.createElement('div');
  toolbar.className = 'editor-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', t('Toolbar'));
  toolbar.setAttribute('aria-controls', area.id);
  for (const [name, action] of Object.entries(actions)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tool tool-' + name.toLowerCase();
    button.textContent = t(name);
    button.tabIndex = toolbar.children.length ? -1 : 0;
    button.addEventListener('click', action);
    toolbar.appendChild(button);
  }
  // One tab stop; the arrow keys, Home and End move between the buttons (WAI-ARIA toolbar).
  toolbar.addEventListener('keydown', (event) => {
    const buttons = Array.from(toolbar.children);
    const at = buttons.indexOf(document.activeElement);
    const to = {ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1}[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    const target = buttons[(to + buttons.length) % buttons.length];
    buttons.forEach((button) => { button.tabIndex = button === target ? 0 : -1; });
    target.focus();
  });
  area.before(toolbar);

  // The preview, rendered by the server exactly as a save would render it, beside the text (in
  // a box of its own, under which the wiki-link suggestions open).
  const panes = document.createElement('div');
  panes.className = 'editor-panes';
  area.before(panes);
  const writing = document.createElement('div');
  writing.className = 'editor-write';
  panes.appendChild(writing);
  writing.appendChild(area);
  const preview = document.createElement('section');
  preview.className = 'editor-preview';
  preview.setAttribute('aria-labelledby', 'editor-preview-h');
  const heading = document.createElement('h2');
  heading.id = 'editor-preview-h';
  heading.textContent = t('Preview');
  const rendered = document.createElement('div');
  rendered.className = 'body';
  preview.append(heading, rendered);
  panes.appendChild(preview);
  // Under the text, where files are dropped: on a phone the preview comes after it.
  writing.appendChild(status);

  const headers = {'X-CSRF-Token': csrf};
  let previewTimer = 0;
  let previewed = null;  // the text of the newest request; older answers are dropped
  const renderPreview = async () => {
    const text = area.value;
    if (text === previewed) return;
    previewed = text;
    try {
      const response = await fetch('/api/v1/render', {
        method: 'POST', credentials: 'same-origin',
        headers: {...headers, 'Content-Type': 'application/json'},
        body: JSON.stringify({body: text}),
      });
      if (!response.ok) throw new Error('render answered ' + response.status);
      const answer = await response.json();
      if (previewed !== text) return;
      rendered.innerHTML = answer.html;  // safe HTML: the server renders it as a saved page
      preview.classList.remove('failed');
      if (status.textContent === t('PreviewFailed')) say(idle);
    } catch (error) {
      if (previewed !== text) return;
      previewed = null;  // try again after the next change
      preview.classList.add('failed');
      say(t('PreviewFailed'));
      console.warn('Kring preview:', error);
    }
  };
  area.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, 400);
  });
  renderPreview();

  // Wiki-link completion: after "[[", titles from /api/v1/suggest in a listbox right under the
  // text area, scrolled into view when it opens (on a phone the preview is below the text).
  const list = document.createElement('ul');
  list.id = 'editor-wiki-suggestions';
  list.className = 'suggestions editor-suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', t('WikiSuggestions'));
  list.hidden = true;
  writing.appendChild(list);
  area.setAttribute('aria-controls', list.id);
  let active = -1;
  let typed = null;  // the title typed after "[[", or null outside a wiki link
  const options = () => Array.from(list.children);
  const closeList = () => {
    list.hidden = true;
    active = -1;
    area.removeAttribute('aria-activedescendant');
  };
  const highlight = (index) => {
    active = index;
    options().forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    area.setAttribute('aria-activedescendant', options()[index].id);
  };
  const accept = (option) => {
    area.setSelectionRange(area.selectionStart - typed.length, area.selectionStart);
    insert(option.textContent + (area.value.startsWith(']]', area.selectionEnd) ? '' : ']]'));
    closeList();
  };
  const suggest = async (prefix) => {
    try {
      const response = await fetch('/api/v1/suggest?q=' + encodeURIComponent(prefix));
      if (!response.ok) throw new Error('suggest answered ' + response.status);
      const pages = await response.json();
      if (typed !== prefix) return;
      list.replaceChildren(...pages.map((page, i) => {
        const option = document.createElement('li');
        option.id = 'editor-wiki-option-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.textContent = page.title;  // text, never HTML
        option.addEventListener('click', () => accept(option));
        return option;
      }));
      active = -1;
      list.hidden = pages.length === 0;
      if (list.hidden) return;
      list.style.top = area.offsetTop + area.offsetHeight + 'px';  // over the status line
      list.scrollIntoView({block: 'nearest'});
    } catch (error) {
      closeList();
      console.warn('Kring wiki-link suggestions:', error);
    }
  };
  let suggestTimer = 0;
  area.addEventListener('input', () => {
    const before = area.value.slice(0, area.selectionStart);
    const match = /\[\[([^\[\]|#\n]{1,80})$/.exec(before);
    typed = match ? match[1] : null;
    clearTimeout(suggestTimer);
    if (typed === null || !typed.trim()) return closeList();
    const prefix = typed;
    suggestTimer = setTimeout(() => suggest(prefix), 150);
  });
  area.addEventListener('keydown', (event) => {
    const count = options().length;
    if (list.hidden || !count) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : count - 1;
      highlight(active < 0 && step !== 1 ? count - 1 : (active + step) % count);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
      event.preventDefault();
      accept(options()[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      closeList();
    }
  });
  list.addEventListener('mousedown', (event) => event.preventDefault());
  area.addEventListener('blur', closeList);

  // Files dropped or pasted into the text: uploaded to the page, linked where they land.
  // A page that was never saved has nowhere to keep files: the drop is refused, out loud.
  const upload = async (file) => {
    say(t('UploadBusy') + ' ' + file.name);
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      const response = await fetch('/api/v1/pages/' + encodeURIComponent(slug) + '/files', {
        method: 'POST', credentials: 'same-origin', headers, body: data,
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(answer.error || String(response.status));
      const label = answer.name.replace(/[\[\]]/g, '');
      const image = /^image\//.test(answer.media_type || '') ? '!' : '';
      insert(image + '[' + label + '](' + answer.url + ')');
      say(t('UploadDone') + ' ' + answer.name);
    } catch (error) {
      say(t('UploadFailed') + ' ' + file.name + ': ' + error.message);
    }
  };
  const uploadAll = async (files) => {
    if (!slug) return warn(t('UploadNewPage'));
    for (const file of files) await upload(file);  // one at a time, linked in order
  };
  const hasFiles = (event) => Array.from(event.dataTransfer?.types || []).includes('Files');
  area.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    area.classList.add('dropping');
  });
  area.addEventListener('dragleave', () => area.classList.remove('dropping'));
  area.addEventListener('drop', (event) => {
    area.classList.remove('dropping');
    if (!hasFiles(event)) return;
    event.preventDefault();
    uploadAll(Array.from(event.dataTransfer.files));
  });
  area.addEventListener('paste', (event) => {
    const files = Array.from(event.clipboardData?.files || []);
    if (!files.length) return;
    event.preventDefault();
    uploadAll(files);
  });
  say(idle);

  // Drafts: kept in this browser while typing, per page, with the revision they started from.
  // A draft whose text differs from the form's is offered back; a save clears it: the next form
  // of the page starts from a newer revision, or (for a new page) the page exists.
  const key = 'kring-draft:' + (slug || 'new');
  const store = (() => {
    try { return window.localStorage; } catch (error) { return null; }
  })();
  if (!store) return;
  const read = () => {
    try { return JSON.parse(store.getItem(key) || 'null'); } catch (error) { return null; }
  };
  const forget = () => store.removeItem(key);
  const opened = area.value;
  const failedSave = !!document.querySelector('.error[role="alert"], section.conflict');
  let draftTimer = 0;
  area.addEventListener('input', () => {
    if (draftTimer) return;  // kept every two seconds while typing, not only after a pause
    draftTimer = setTimeout(() => {
      draftTimer = 0;
      if (area.value === opened && !failedSave) return forget();
      try {
        store.setItem(key, JSON.stringify({
          base: base ? base.value : '', title: title ? title.value : '', body: area.value,
          saved: new Date().toISOString(),
        }));
      } catch (error) {
        console.warn('Kring draft:', error);  // storage full or refused: the form still posts
      }
    }, 2000);
  });
  form.addEventListener('submit', () => {
    clearTimeout(draftTimer);
    draftTimer = 0;
    const draft = read();
    if (draft) store.setItem(key, JSON.stringify({...draft, body: area.value, submitted: true}));
  });

  const offer = (draft) => {
    const notice = document.createElement('div');
    notice.className = 'draft-notice';
    notice.setAttribute('role', 'status');
    const text = document.createElement('p');
    // Dates read as on the server's pages: "29 november 2026", "29 November 2026".
    const locale = {nl: 'nl-BE', en: 'en-GB'}[document.documentElement.lang];
    text.textContent = t('DraftFound') + ' (' + new Date(draft.saved).toLocaleString(
        locale, {dateStyle: 'long', timeStyle: 'short'}) + ')';
    const restore = document.createElement('button');
    restore.type = 'button';
    restore.textContent = t('DraftRestore');
    const discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'secondary';
    discard.textContent = t('DraftDiscard');
    notice.append(text, restore, discard);
    field.before(notice);
    restore.addEventListener('click', () => {
      // The draft's base revision goes back too, so a save over a newer revision is a conflict
      // the server shows, never a silent overwrite.
      if (base && draft.base) base.value = draft.base;
      if (title && draft.title && !title.value) title.value = draft.title;
      area.value = draft.body;
      changed();
      notice.remove();
      area.focus();
    });
    discard.addEventListener('click', () => {
      forget();
      notice.remove();
      area.focus();
    });
  };
  const draft = read();
  if (!draft || typeof draft.body !== 'string') return;
  if (failedSave) {
    // The form came back with the posted text: the draft stays until a save goes through.
    delete draft.submitted;
    return store.setItem(key, JSON.stringify(draft));
  }
  if (draft.body === area.value) return forget();
  if (draft.submitted && slug && base && Number(base.value) > Number(draft.base)) return forget();
  if (draft.submitted && !slug && draft.title) {
    // A new page: saved when a page of that title exists now.
    fetch('/api/v1/suggest?q=' + encodeURIComponent(draft.title))
      .then((response) => (response.ok ? response.json() : []))
      .then((pages) => {
        const lower = draft.title.trim().toLowerCase();
        if (pages.some((page) => page.title.trim().toLowerCase() === lower)) forget();
        else offer(draft);
      })
      .catch(() => offer(draft));
    return;
  }
  offer(draft);
})();

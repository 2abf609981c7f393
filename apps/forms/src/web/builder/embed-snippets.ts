import { EMBED_HEIGHT_MESSAGE, EMBED_REDIRECT_MESSAGE } from '../public/embed-messages.ts';

export interface EmbedSnippet {
  id: 'inline' | 'popup';
  title: string;
  description: string;
  code: string;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * Copy-paste HTML that puts a published form on another site: inline (an iframe that grows with the
 * form: the page posts its height) and a button that opens it in a popup. Both follow the form's
 * redirect after submitting. Plain ES5, no library to load.
 */
export function embedSnippets(publicUrl: string, slug: string, title: string): EmbedSnippet[] {
  const origin = new URL(publicUrl).origin;
  const src = `${publicUrl}?embed=1`;
  const safeTitle = escapeHtml(title);
  const js = JSON.stringify;
  const listener = `function (event) {
      if (event.origin !== ${js(origin)} || !event.data || event.source !== frame.contentWindow) return;
      if (event.data.type === ${js(EMBED_HEIGHT_MESSAGE)}) frame.style.height = event.data.height + 'px';
      if (event.data.type === ${js(EMBED_REDIRECT_MESSAGE)}) window.location.href = event.data.url;
    }`;
  const inline = `<iframe src="${escapeHtml(src)}" title="${safeTitle}" data-orchestrator-form="${escapeHtml(slug)}"
  style="display:block;width:100%;height:600px;border:0" loading="lazy"></iframe>
<script>
  (function () {
    var frame = document.querySelector('iframe[data-orchestrator-form=${js(slug).replaceAll('"', '\\"')}]');
    window.addEventListener('message', ${listener});
  })();
</script>`;
  const popup = `<button type="button" data-orchestrator-popup="${escapeHtml(slug)}">${safeTitle}</button>
<script>
  (function () {
    function open(opener) {
      var overlay = document.createElement('div');
      overlay.setAttribute('style', 'position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;background:rgba(16,24,40,.55)');
      var box = document.createElement('div');
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-modal', 'true');
      box.setAttribute('aria-label', ${js(title)});
      box.setAttribute('style', 'position:relative;width:100%;max-width:680px;max-height:90vh;overflow:auto;border-radius:12px;background:#fff;box-shadow:0 12px 32px rgba(16,24,40,.25)');
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = '\\u00d7';
      close.setAttribute('aria-label', 'Close');
      close.setAttribute('style', 'position:absolute;top:8px;right:8px;width:32px;height:32px;border:0;border-radius:16px;background:rgba(0,0,0,.06);font-size:20px;cursor:pointer');
      var frame = document.createElement('iframe');
      frame.src = ${js(src)};
      frame.title = ${js(title)};
      frame.setAttribute('style', 'display:block;width:100%;height:600px;border:0');
      box.appendChild(frame);
      box.appendChild(close);
      overlay.appendChild(box);
      document.body.appendChild(overlay);
      close.focus();
      var onMessage = ${listener.replaceAll('\n    ', '\n      ')};
      function onKey(event) { if (event.key === 'Escape') shut(); }
      function shut() {
        window.removeEventListener('message', onMessage);
        document.removeEventListener('keydown', onKey);
        overlay.remove();
        opener.focus();
      }
      close.addEventListener('click', shut);
      overlay.addEventListener('click', function (event) { if (event.target === overlay) shut(); });
      window.addEventListener('message', onMessage);
      document.addEventListener('keydown', onKey);
    }
    var buttons = document.querySelectorAll('[data-orchestrator-popup=${js(slug).replaceAll('"', '\\"')}]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) { open(event.currentTarget); });
    }
  })();
</script>`;
  return [
    {
      id: 'inline',
      title: 'Inline',
      description: 'The form inside your page; the frame grows and shrinks with it.',
      code: inline,
    },
    {
      id: 'popup',
      title: 'Popup button',
      description: 'A button that opens the form over your page; Escape or × closes it.',
      code: popup,
    },
  ];
}

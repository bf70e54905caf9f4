"""What the page shows when it loses the app (the app stopped, the laptop slept, the phone dropped
the tab's connection): the app's own message in the visitor's language, instead of Flet's English
"Working..." over a blank screen.

Flet's web client draws its "Working..." (a constant in its compiled code) while it tries to
reconnect, so a small script put into the page's <head> (app/server.py) watches the page's
connection to the app: when it closes, it covers the page with this message; when a new one opens,
the message goes. The page cannot ask the app for words once the app is gone, so both languages'
words are in the script, and the page picks the visitor's: the app keeps it in the page's storage
(`remember_language`, through Flet's SharedPreferences, which the web client keeps in localStorage
under "flutter." + its key); before that, the browser's language decides, as it does for the app.
"""

from __future__ import annotations

import json
from functools import cache

from app import i18n
from app.i18n import _

LANGUAGE_KEY = "pijat.language"
# How the web client's SharedPreferences names the key in localStorage (the value is JSON).
STORAGE_KEY = "flutter." + LANGUAGE_KEY
ELEMENT_ID = "lost-connection"


def texts() -> dict[str, dict[str, str]]:
    """The message in every language of the app."""
    out = {}
    for lang in i18n.LANGUAGES:
        with i18n.using(lang):
            out[lang] = {
                "title": _("Connection to the app lost"),
                "body": _(
                    "Trying to reconnect… A massage under way is paused, and everything saved is kept. "
                    "If this message stays, start the app again and open it."
                ),
            }
    return out


_SCRIPT = """<script>
(() => {
  const TEXT = %(texts)s;
  const KEY = %(key)s, ID = %(id)s, DEFAULT = %(default)s;
  const language = () => {
    let lang = null;
    try { lang = JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { lang = null; }
    if (TEXT[lang]) return lang;
    const device = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    return device.toLowerCase().startsWith('id') ? 'id' : (TEXT.en ? 'en' : DEFAULT);
  };
  let leaving = false;
  addEventListener('pagehide', () => { leaving = true; });
  addEventListener('beforeunload', () => { leaving = true; });
  const show = () => {
    if (leaving || document.getElementById(ID) || !document.body) return;
    const lang = language(), words = TEXT[lang];
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    const box = document.createElement('div');
    box.id = ID;
    box.lang = lang;
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', ID + '-title');
    box.setAttribute('aria-describedby', ID + '-body');
    box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;display:flex;flex-direction:column;'
      + 'justify-content:center;gap:16px;padding:32px;box-sizing:border-box;font-family:sans-serif;'
      + (dark ? 'background:#1b1b1f;color:#e4e1e6;' : 'background:#fffbff;color:#1b1b1f;');
    const title = document.createElement('h1');
    title.id = ID + '-title';
    title.textContent = words.title;
    title.style.cssText = 'font-size:24px;margin:0;';
    const body = document.createElement('p');
    body.id = ID + '-body';
    body.textContent = words.body;
    body.style.cssText = 'font-size:18px;line-height:1.5;margin:0;';
    box.append(title, body);
    for (const el of document.body.children) el.setAttribute('aria-hidden', 'true');
    document.body.append(box);
  };
  const hide = () => {
    const box = document.getElementById(ID);
    if (!box) return;
    box.remove();
    for (const el of document.body.children) el.removeAttribute('aria-hidden');
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).endsWith('/ws')) return;
      this.addEventListener('open', hide);
      this.addEventListener('close', show);
    }
  };
})();
</script>"""


@cache
def script() -> bytes:
    """The <script> the page's <head> gets (the catalogs are read once)."""
    return (
        _SCRIPT
        % {
            "texts": json.dumps(texts(), ensure_ascii=False).replace("</", "<\\/"),
            "key": json.dumps(STORAGE_KEY),
            "id": json.dumps(ELEMENT_ID),
            "default": json.dumps(i18n.DEFAULT_LANGUAGE),
        }
    ).encode("utf-8")

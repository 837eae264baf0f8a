/**
 * The API key field. Without VERBATIM_API_KEYS on the server nothing is needed; with it, every
 * /v1 call answers 401 until a key is entered here. The key lives in sessionStorage for this tab.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiKey, setApiKey } from '../lib/api.js';
import { clearCache } from '../lib/cache.js';

/** A header button opening a small key form. */
export function ApiKeyControl() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(apiKey() ?? '');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  const save = (key: string | null) => {
    setApiKey(key);
    clearCache();
    setOpen(false);
  };
  return (
    <div class="api-key">
      <button type="button" class="button button--ghost" aria-expanded={open} aria-controls="api-key-form" onClick={() => setOpen(!open)}>
        API key{apiKey() ? ' ✓' : ''}
      </button>
      {open && (
        <form
          id="api-key-form"
          class="popover"
          onSubmit={(event) => {
            event.preventDefault();
            save(value.trim() || null);
          }}
          onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        >
          <label for="api-key-input">API key (only when the server sets VERBATIM_API_KEYS)</label>
          <input id="api-key-input" ref={input} type="password" autocomplete="off" value={value} onInput={(event) => setValue(event.currentTarget.value)} />
          <p class="muted small">Kept in this tab only (sessionStorage) and sent as a Bearer token.</p>
          <div class="row">
            <button type="submit" class="button button--primary">
              Save
            </button>
            <button type="button" class="button" onClick={() => { setValue(''); save(null); }}>
              Forget key
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

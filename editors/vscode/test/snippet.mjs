// Expands a VS Code snippet body with the defaults of its placeholders.

/** A snippet body with every placeholder replaced by its default (what Tab-Tab-Tab gives). */
export function expandSnippet(body, now = new Date()) {
  const vars = {
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_MONTH: String(now.getMonth() + 1).padStart(2, '0'),
    CURRENT_DATE: String(now.getDate()).padStart(2, '0'),
  };
  let text = (Array.isArray(body) ? body : [body]).join('\n');
  text = text.replace(/\$([A-Z_]+)/g, (m, name) => vars[name] ?? m);
  // Innermost placeholders first, until none is left.
  for (let i = 0; i < 10 && /\$\{[0-9]+(:[^{}]*)?\}/.test(text); i++) {
    text = text.replace(/\$\{[0-9]+(?::([^{}]*))?\}/g, (_m, def) => def ?? '');
  }
  return text.replace(/\$[0-9]+/g, '');
}

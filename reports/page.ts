/** The frame every HTML report shares: one self-contained page (no request leaves it), its base styles and its script helpers. */

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that can sit inside a <script> element: no `<`, so no `</script>` or `<!--` can end it early. */
export function embeddable(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The styles of every report page; a page adds its own classes, coloured from the palette. */
const baseStyle = `
:root{--good:#1f7a3a;--bad:#b3261e;--unsure:#4a6278;--warn:#8a6d00;--quiet:#5f6368}
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{padding:16px 24px;color:#fff}
header h1{margin:0 0 4px;font-size:22px}main{padding:16px 24px}
section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 8px}table{border-collapse:collapse;font-size:12px}
th,td{border:1px solid #e3e6ea;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f2f5;position:sticky;top:0}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;text-transform:uppercase;margin-right:6px;color:#fff}
pre{background:#f6f8fa;border:1px solid #e3e6ea;padding:6px;white-space:pre-wrap;word-break:break-all;max-height:180px;overflow:auto;margin:4px 0}
button{cursor:pointer}.muted{color:var(--quiet)}
`;

/**
 * The helpers a page's script starts with: `el` builds elements with text children only (endpoint bytes
 * never become markup), `copy` puts a reproduction on the clipboard (with a fallback for file:// pages).
 */
const scriptHelpers = `
const el = (tag, attrs = {}, ...children) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) { if (k === 'class') e.className = v; else e.setAttribute(k, v); } for (const c of children) e.append(c); return e; };
const copy = async (text, button) => {
  try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
  catch { const area = el('textarea'); area.value = text; document.body.append(area); area.select(); document.execCommand('copy'); area.remove(); button.textContent = 'Copied'; }
};
`;

/** What a report page puts in the frame; markup fields are HTML already escaped by the page. */
export interface ReportPage {
  readonly title: string;
  /** The header's class: the page's colour for its outcome. */
  readonly tone: string;
  readonly header: string;
  readonly main: string;
  /** The page's own styles, after the shared ones. */
  readonly style: string;
  /** Data for the script, embedded as JSON in `#page-data` (read it with `JSON.parse(document.getElementById('page-data').textContent)`). */
  readonly data?: unknown;
  /** The page's script, run after the shared helpers. */
  readonly script: string;
}

/** A whole report page: a strict Content-Security-Policy (inline styles and scripts only), the header, the sections, the data and the script. */
export function renderPage(page: ReportPage): string {
  const data = page.data === undefined ? '' : `<script type="application/json" id="page-data">${embeddable(page.data)}</script>\n`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(page.title)}</title><style>${baseStyle}${page.style}</style></head>
<body>
<header class="${escapeHtml(page.tone)}">${page.header}</header>
<main>
${page.main}
</main>
${data}<script>${scriptHelpers}${page.script}</script>
</body></html>
`;
}

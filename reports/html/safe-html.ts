/**
 * Escaping by construction: templates are `html\`…\`` tagged templates. Every interpolated value is
 * escaped unless it is already SafeHtml (the result of another `html` template, or of one of the
 * few helpers below that build markup on purpose). Plain strings can never become markup.
 */
const BRAND = Symbol("SafeHtml");

export interface SafeHtml {
  readonly [BRAND]: true;
  readonly value: string;
}

function safe(value: string): SafeHtml {
  return { [BRAND]: true, value } as SafeHtml;
}

function isSafeHtml(x: unknown): x is SafeHtml {
  return typeof x === "object" && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return (v as readonly HtmlValue[]).map(render).join("");
  if (isSafeHtml(v)) return v.value;
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return safe(out);
}

/** Joins fragments (each escaped unless SafeHtml). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ""): SafeHtml {
  return safe(parts.map(render).join(render(separator)));
}

/**
 * Data for in-page scripts: `<script type="application/json">`, with `<`, `>`, `&` and the line
 * separators escaped so no string can close the element or start a comment.
 */
export function jsonScript(id: string, data: unknown): SafeHtml {
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return safe(`<script type="application/json" id="${escapeHtml(id)}">${json}</script>`);
}

/** A CSS string literal, safe inside a stylesheet (no quote, backslash, newline or `<` survives). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\n\r\f\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

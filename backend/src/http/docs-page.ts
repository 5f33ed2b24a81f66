import { isRawContent, type RouteSpec, type RouteTable } from '@airwave/shared';
import { z } from 'zod';

const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function schemaBlock(title: string, schema: z.ZodType | undefined, io: 'input' | 'output') {
  if (!schema) return '';
  const json = JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any' }), null, 2);
  return `<details><summary>${title}</summary><pre>${html(json)}</pre></details>`;
}

function who(auth: RouteSpec['auth']): string {
  if (auth === 'none') return 'anyone';
  if (auth === 'optional') return 'anyone (a token, if sent, is read)';
  if (auth === 'user') return 'signed-in users';
  return auth.roles.join(', ');
}

function section(name: string, spec: RouteSpec): string {
  const status = spec.response === null ? 204 : (spec.status ?? 200);
  const raw = (label: string, c: unknown) =>
    isRawContent(c) ? `<p>${label}: ${html(c.description)} (${c.raw.map(escape).join(', ')})</p>` : '';
  const headers = Object.entries(spec.headers ?? {})
    .map(([h, d]) => `<li><code>${html(h)}</code>: ${html(d)}</li>`)
    .join('');
  return `<section id="${html(name)}">
<h2><span class="method">${spec.method.toUpperCase()}</span> <code>${html(spec.path)}</code></h2>
<p>${html(spec.summary)}. <em>Who:</em> ${html(who(spec.auth))}. <em>Success:</em> ${status}${
    spec.noContentWhen ? `, or 204 when ${html(spec.noContentWhen)}` : ''
  }. <em>Call:</em> <code>${html(name)}</code></p>
${headers ? `<ul>${headers}</ul>` : ''}
${schemaBlock('Path parameters', spec.params, 'input')}
${schemaBlock('Query', spec.query, 'input')}
${isRawContent(spec.body) ? raw('Body', spec.body) : schemaBlock('Body', spec.body, 'input')}
${isRawContent(spec.response) || spec.response === null ? raw('Response', spec.response) : schemaBlock('Response', spec.response, 'output')}
</section>`;
}

/**
 * The docs page: every route of the table with its schemas, rendered on the server with no script
 * (the CSP allows none without a nonce) and nothing fetched from elsewhere (the docs work offline).
 */
export function docsPage(table: RouteTable): string {
  const entries = Object.entries(table);
  const index = entries
    .map(
      ([name, spec]) =>
        `<li><a href="#${html(name)}">${spec.method.toUpperCase()} ${html(spec.path)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Airwave API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
section{border-top:1px solid #ddd;padding:.5rem 0}h2{font-size:1.05rem}
.method{display:inline-block;min-width:4.5rem;font-family:monospace;color:#0b57d0}
pre{background:#f5f5f7;padding:.75rem;overflow:auto;font-size:13px}ul.index{columns:2}
</style></head><body>
<h1>Airwave API</h1>
<p>Every REST route, made from the route table in <code>packages/shared/src/routes</code>. Machine-readable:
<a href="/api/openapi.json">OpenAPI 3.1 document</a>. Realtime: <a href="/api/docs/realtime">Socket.IO events</a>.</p>
<p>Send <code>Authorization: Bearer &lt;accessToken&gt;</code> where a route is for signed-in users. Every error
answers with <code>{"error":{"code","message","details"}}</code>; the code is stable, the message is for people.</p>
<ul class="index">${index}</ul>
${entries.map(([name, spec]) => section(name, spec)).join('\n')}
</body></html>`;
}

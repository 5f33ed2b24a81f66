import {
  CHAT_MESSAGE_MAX,
  clientEvents,
  ERROR_CODES,
  errorDetails,
  MISSED_CHAT_LIMIT,
  serverEvents,
} from '@airwave/shared';
import { jsonSchema } from './event-schemas.ts';
import type { RealtimeFacts } from './realtime-facts.ts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
/** Doc strings mark code with backticks; the page shows it as code. */
const prose = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
const schemaBlock = (schema: Record<string, unknown>) => `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`;

function clientEventSections(facts: RealtimeFacts): string {
  return Object.entries(clientEvents)
    .map(
      ([event, { doc, payload, ack }]) => `
<section class="event" id="client-${event}">
  <h3><code>${event}</code> <small>client → server · ${facts.eventCost[event as keyof typeof facts.eventCost]} points</small></h3>
  <p>${prose(doc)}</p>
  <details><summary>Payload</summary>${schemaBlock(jsonSchema(payload, 'input'))}</details>
  <details><summary>Ack result (besides <code>ok: true</code>)</summary>${schemaBlock(jsonSchema(ack, 'output'))}</details>
</section>`,
    )
    .join('');
}

function serverEventSections(): string {
  return Object.entries(serverEvents)
    .map(
      ([event, { doc, payload }]) => `
<section class="event" id="server-${event}">
  <h3><code>${event}</code> <small>server → client</small></h3>
  <p>${prose(doc)}</p>
  <details><summary>Payload</summary>${schemaBlock(jsonSchema(payload, 'output'))}</details>
</section>`,
    )
    .join('');
}

function errorRows(): string {
  return ERROR_CODES.map((code) => {
    const details = errorDetails[code];
    const shape = details ? `<pre>${esc(JSON.stringify(jsonSchema(details, 'output')))}</pre>` : 'none';
    return `<tr><td><code>${code}</code></td><td>${shape}</td></tr>`;
  }).join('');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f4f4f6;padding:.6rem;overflow:auto}
section.event{border-top:1px solid #ddd;padding:.4rem 0}h3 small{font-weight:normal;color:#666}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}`;

/**
 * The realtime API for someone writing their own client: the wire protocol, the handshake, the ack
 * convention, each flow (join, chat, gift, recovery, re-join, token refresh), the limits, and every
 * event with its schemas. The event list comes from the contract's maps, so it cannot fall behind.
 */
export function realtimeDocsPage(facts: RealtimeFacts): string {
  const origins = facts.corsOrigins.length
    ? facts.corsOrigins.map((o) => `<code>${esc(o)}</code>`).join(', ')
    : 'none';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Airwave realtime API</title><style>${STYLE}</style></head><body>
<h1>Airwave realtime API</h1>
<p>Chat, gifts, viewer counts and WebRTC signaling run over <a href="https://socket.io/docs/v4/socket-io-protocol/">Socket.IO</a>
protocol v5 on Engine.IO v4. Any Socket.IO v4 client library works; this page also gives the frames, so a client can be
written on a bare WebSocket. A machine-readable description of every event is at <a href="/api/asyncapi.json">/api/asyncapi.json</a>
(AsyncAPI 3.0); the REST API (sign-in, streams, the gift catalog) is at <a href="/api/docs">/api/docs</a>.</p>

<h2 id="connect">1. Connect</h2>
<ul>
<li>URL: <code>ws(s)://&lt;host&gt;${facts.path}?EIO=4&amp;transport=websocket</code> (or HTTP long-polling at the same path with
<code>transport=polling</code>). One namespace: <code>/</code>.</li>
<li>Browsers: a page may connect from this server's own origin or from ${origins}. A connection with no
<code>Origin</code> header (native apps, servers) is allowed.</li>
<li>The server opens with an Engine.IO OPEN frame <code>0{"sid":…,"pingInterval":…,"pingTimeout":…,"maxPayload":…}</code>.
It sends <code>2</code> (ping) every <code>pingInterval</code> ms; answer <code>3</code> (pong) or be dropped.</li>
<li>Then send the Socket.IO CONNECT frame with the <code>auth</code> object: <code>40{"token":"&lt;access token&gt;"}</code>
for a signed-in user (the <code>accessToken</code> from <code>POST /api/auth/login</code>; an
<code>Authorization: Bearer</code> header on the upgrade request works too), or <code>40{}</code> /
<code>40{"viewerKey":"&lt;key&gt;"}</code> for an anonymous, read-only viewer.</li>
<li>Accepted: <code>40{"sid":"…","pid":"…"}</code>. Keep <code>pid</code> (see <a href="#recovery">recovery</a>). An anonymous
connection without a valid <code>viewerKey</code> then gets <a href="#server-viewer-key"><code>viewer-key</code></a>: store that key and send it
as <code>auth.viewerKey</code> on every later connection, so all of this client's connections count as one viewer.</li>
<li>Refused: <code>44{"message":"…","data":{"code":"…","message":"…","details":…}}</code>. A bad or expired token is refused
with <code>UNAUTHENTICATED</code> / <code>TOKEN_EXPIRED</code> (never downgraded to anonymous): refresh it over REST and connect again.</li>
<li>Frames larger than ${facts.maxFrameBytes} bytes close the connection.</li>
</ul>

<h2 id="acks">2. Events and acknowledgements</h2>
<p>A client event is an EVENT frame with an ack id: <code>42&lt;id&gt;["send-message",{"streamId":"…","text":"hi"}]</code>.
Every client event must carry an ack id; the server answers exactly once with <code>43&lt;id&gt;[&lt;answer&gt;]</code>, where the answer is
<code>{"ok":true, …result}</code> or <code>{"ok":false,"error":{"code":"…","message":"…","details":…}}</code>. The <code>code</code> is one of a
closed list (<a href="#errors">below</a>) and is what a client switches on; <code>message</code> is for people. A payload that fails
its schema answers <code>VALIDATION_FAILED</code> with one <code>{ path, message }</code> per field.</p>
<p>A server event is <code>42["receive-message",{…payload}]</code>, or, when it was broadcast to a room, <code>42["receive-message",{…payload},"&lt;offset&gt;"]</code>:
see the next section.</p>

<h2 id="recovery">3. Connection-state recovery: <code>pid</code> and the offset</h2>
<ol>
<li>Every event the server broadcasts to a room (everything about a stream, and the events to all of a user's devices)
carries one extra last argument after its payload: a string, the <em>offset</em> of that broadcast. Store the latest offset
you received. Events sent to this connection alone (<code>viewer-key</code>, <code>session-updated</code>, sometimes
<code>session-revoked</code>) have no offset. Rule: a string after the payload is the offset.</li>
<li>When the connection drops (network change, app in background), reconnect within ${facts.recoveryWindowSeconds} s with the same
<code>auth</code> plus <code>pid</code> (from the CONNECT answer) and <code>offset</code> (the last one stored):
<code>40{"token":"…","pid":"…","offset":"…"}</code>. The token is checked again, so send a fresh one if it expired.</li>
<li>Recovered when the CONNECT answer has the <em>same</em> <code>pid</code> (and <code>sid</code>) as before: the connection is back in
every room it had joined, and every broadcast it missed is delivered, in order, each with its offset. Missed events may
arrive <em>before</em> the CONNECT answer: hold them and handle them once it comes. Do not re-join.</li>
<li>Not recovered when the answer carries a new <code>pid</code> (the window passed, the server restarted, the offset was too old,
or no <code>pid</code> was sent): the connection is new and in no room. Re-join each stream as below.</li>
</ol>

<h2 id="join">4. Join a stream, and re-join with <code>sinceMessageId</code></h2>
<p>Send <a href="#client-join-stream"><code>join-stream</code></a> <code>{"streamId":"…"}</code> for a live stream (ids come from
<code>GET /api/streams</code>). The ack gives the stream, the recent chat (oldest first), the viewer count, the chat rules and
<code>you</code> (streamer? moderator? restricted?). From then on the connection receives the room's events. A stream that ended
answers <code>STREAM_NOT_LIVE</code>. Joining again is harmless.</p>
<p>After a reconnect that was <em>not</em> recovered, send <code>{"streamId":"…","sinceMessageId":&lt;id of the newest message you have&gt;}</code>:
<code>messages</code> then holds only the messages after it (up to ${MISSED_CHAT_LIMIT}, oldest first). Merge them by <code>id</code>,
and replace the viewer count, rules and standing with the ack's.</p>

<h2 id="chat">5. Chat</h2>
<p><a href="#client-send-message"><code>send-message</code></a> <code>{"streamId","text"}</code> (1–${CHAT_MESSAGE_MAX} characters, plain text) in a stream this
connection joined (<code>FORBIDDEN</code> otherwise); anonymous viewers cannot write (<code>UNAUTHENTICATED</code>). The ack has the stored
message; the whole room, the sender included, gets <code>receive-message</code>, so de-duplicate by <code>id</code>. Refusals:
<code>RATE_LIMITED</code> (more than ${facts.chat.points} messages per ${facts.chat.durationSeconds} s), <code>SLOW_MODE</code>,
<code>CHAT_TIMED_OUT</code>, <code>CHAT_BANNED</code>, <code>MESSAGE_BLOCKED</code>; the waiting ones say how long in
<code>details.retryAfterSeconds</code>.</p>

<h2 id="gifts">6. Gifts, with idempotency keys</h2>
<p>Signed-in viewers only, in a joined live stream. Pick a gift from <code>GET /api/gifts</code>, then send
<a href="#client-send-gift"><code>send-gift</code></a> <code>{"streamId","giftId","count","idempotencyKey"}</code>. Make a new
<code>idempotencyKey</code> (8–64 characters of <code>A-Z a-z 0-9 - _</code>, e.g. a UUID) once per gift the user means to send,
and send the <em>same</em> key again on every retry of that gift (a lost ack, a reconnect): a repeat moves no coins and answers with
the first gift. The same key with a different gift, stream or count answers <code>IDEMPOTENCY_CONFLICT</code>. The ack has the gift
and the sender's coin balance; the room gets <code>receive-gift</code> and <code>top-gifters</code>, every device of the sender
gets <code>wallet-updated</code>. <code>INSUFFICIENT_FUNDS</code> when coins are short; <code>GIFT_DAILY_LIMIT</code>
(with <code>limit</code>, <code>used</code>, <code>requested</code>, <code>resetsAt</code>) past the account's daily gift cap; at most ${facts.gifts.points} gifts per
${facts.gifts.durationSeconds} s.</p>

<h2 id="refresh">7. Token refresh</h2>
<p>An access token lives ${facts.accessTtlSeconds} s. Refresh it over REST (<code>POST /api/auth/refresh</code>) before it expires and hand
the new one to the open connection with <a href="#client-refresh-auth"><code>refresh-auth</code></a> <code>{"token":"…"}</code> (same
user only; the ack says until when the connection may act). Past the old token's expiry every other event answers
<code>TOKEN_EXPIRED</code>, and ${facts.authGraceSeconds} s later the server closes the connection. When the session is ended elsewhere
the server sends <code>session-revoked</code> and disconnects: do not reconnect with that token.</p>

<h2 id="limits">8. Limits</h2>
<ul>
<li>Each event costs points (listed with each event below). Budgets per 10 s: ${facts.eventsPerConnectionPer10s} events per
connection, ${facts.pointsPerIpPer10s} points per client address and ${facts.pointsPerUserPer10s} per user, across all servers.</li>
<li>${facts.handshakesPerIpPerMinute} connection attempts per address per minute; ${facts.connectionsPerIp} open connections per
address and ${facts.connectionsPerUser} per user.</li>
<li>Past a budget, the ack (or the CONNECT refusal) is <code>RATE_LIMITED</code> with <code>details.retryAfterSeconds</code>: wait that long.</li>
</ul>

<h2 id="errors">9. Error codes and their details</h2>
<table><tr><th>code</th><th><code>details</code> (JSON Schema)</th></tr>${errorRows()}</table>

<h2 id="client-events">10. Client → server events</h2>${clientEventSections(facts)}
<h2 id="server-events">11. Server → client events</h2>${serverEventSections()}
</body></html>
`;
}

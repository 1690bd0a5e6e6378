// Drives a Switchboard server with the official MCP TypeScript SDK client and prints one JSON object
// of observations. Usage: node interop-client.mjs <endpoint-url>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  CallToolResultSchema, CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema,
  LoggingMessageNotificationSchema, ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';

const url = new URL(process.argv[2]);
const observed = { errors: [] };
const reconnection = { initialReconnectionDelay: 100, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1.5, maxRetries: 5 };

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

// A fetch that cuts the response of one tool call after its first progress event, as a broken network would.
function cuttingFetch(toolName) {
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    if (init?.method !== 'POST' || !body.includes(`"name":"${toolName}"`) || !response.body) {
      return response;
    }
    const reader = response.body.getReader();
    let seen = '';
    const stream = new ReadableStream({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) { controller.close(); return; }
        controller.enqueue(value);
        seen += new TextDecoder().decode(value);
        if (seen.includes('notifications/progress')) {
          observed.cutAfterBytes = seen.length;
          reader.cancel().catch(() => {});
          controller.error(new TypeError('network connection cut by the test'));
        }
      },
    });
    return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

async function connect(options = {}) {
  const transport = new StreamableHTTPClientTransport(url, { reconnectionOptions: reconnection, ...options });
  transport.onerror = (e) => { if (!closing) observed.errors.push(String(e?.message ?? e)); };
  const client = new Client({ name: 'switchboard-interop', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    observed.elicitationSchema = request.params.requestedSchema;
    return { action: 'accept', content: { name: 'Ada', language: 'FRENCH' } };
  });
  client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
    observed.samplingMessages = request.params.messages;
    observed.samplingMaxTokens = request.params.maxTokens;
    return { role: 'assistant', model: 'interop-model', stopReason: 'endTurn', content: { type: 'text', text: 'A short summary.' } };
  });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///projects/demo', name: 'demo' }] }));
  await client.connect(transport);
  return { client, transport };
}

let closing = false;
const { client, transport } = await connect();
observed.sessionId = transport.sessionId;
observed.protocolVersion = transport.protocolVersion;
observed.capabilities = client.getServerCapabilities();
observed.tools = (await client.listTools()).tools.map((t) => t.name).sort();

observed.elicitation = (await client.callTool({ name: 'greet', arguments: {} })).content[0].text;
observed.sampling = (await client.callTool({ name: 'summarize', arguments: { text: 'A very long text.' } })).content[0].text;
observed.roots = (await client.callTool({ name: 'list_roots', arguments: {} })).content[0].text;

const progress = [];
observed.progressResult = (await client.callTool({ name: 'count', arguments: { to: 3 } }, CallToolResultSchema,
  { onprogress: (p) => progress.push([p.progress, p.total, p.message]) })).content[0].text;
observed.progress = progress;

const logs = [];
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params.data));
await client.setLoggingLevel('info');
observed.loggingResult = (await client.callTool({ name: 'chatty', arguments: {} })).content[0].text;
observed.logs = logs;

// Subscribe, then have the server report a change: the update arrives on the GET stream.
const updated = new Promise((resolve) => client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => resolve(n.params.uri)));
await client.subscribeResource({ uri: 'memo://watched' });
await client.callTool({ name: 'touch', arguments: { uri: 'memo://watched' } });
observed.resourceUpdated = await withTimeout(updated, 5000, 'resources/updated');

// The server closes the call's connection early (SSE polling); the client resumes with Last-Event-ID.
const tokens = [];
observed.polledResult = (await client.callTool({ name: 'slow_reconnect', arguments: {} }, CallToolResultSchema,
  { onresumptiontoken: (t) => tokens.push(t), timeout: 15000 })).content[0].text;
observed.polledTokens = tokens;

await client.sendRootsListChanged();

// A second client whose network cuts the call's response mid-way; it resumes and still gets the result.
const cut = await connect({ fetch: cuttingFetch('cut_mid_call') });
const cutProgress = [];
observed.cutResult = (await cut.client.callTool({ name: 'cut_mid_call', arguments: {} }, CallToolResultSchema,
  { onprogress: (p) => cutProgress.push(p.message), timeout: 15000 })).content[0].text;
observed.cutProgress = cutProgress;
observed.rootsChangesSeen = (await client.callTool({ name: 'roots_changes', arguments: {} })).content[0].text;

closing = true;
await cut.transport.terminateSession();
await transport.terminateSession();
await cut.client.close();
await client.close();
console.log(JSON.stringify(observed));
process.exit(0);

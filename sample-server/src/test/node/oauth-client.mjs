// Drives the sample shop, started with --auth-issuer, with the official TypeScript SDK's own OAuth
// support and no browser: its ClientCredentialsProvider (grant client_credentials). The client finds
// everything from the server's 401: the protected resource metadata, then the authorization server's
// metadata, then it asks the token endpoint for a token for the resource and retries with it. Then it
// lists the tools, calls a read tool, reads a resource, and tries to place an order (answering the
// confirmation); a refusal is recorded, not fatal. Prints one JSON object with what it saw, and every
// HTTP exchange (method, path, credentials sent, status).
// Usage: node oauth-client.mjs <v1|v2> <endpoint-url> <issuer> <client-id> <client-secret> [scope]
// v1 is @modelcontextprotocol/sdk (2025-11-25, a session); v2 is @modelcontextprotocol/client pinned
// to 2026-07-28 (stateless, the confirmation answered through a multi-round result).
const [sdk, endpoint, issuer, clientId, clientSecret, scope] = process.argv.slice(2);
const url = new URL(endpoint);
const observed = { sdk, exchanges: [], asked: [] };

/** fetch, recording each exchange: which credentials went out, and what came back. */
async function tracingFetch(input, init) {
  const response = await fetch(input, init);
  const authorization = new Headers(init?.headers).get('authorization');
  const target = new URL(input instanceof Request ? input.url : String(input));
  let body = '';
  if (init?.body instanceof URLSearchParams || typeof init?.body === 'string') {
    const params = new URLSearchParams(String(init.body));
    if (params.has('grant_type')) {
      body = ` grant_type=${params.get('grant_type')} scope=${params.get('scope')} resource=${params.get('resource')}`;
    }
  }
  observed.exchanges.push(`${init?.method ?? 'GET'} ${target.origin === url.origin ? 'mcp-server' : 'auth-server'}`
    + `${target.pathname}${authorization ? ' [' + authorization.split(' ')[0] + ']' : ''}${body} -> ${response.status}`);
  return response;
}

function claims(token) {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  return { sub: payload.sub, aud: payload.aud, scope: payload.scope, iss: payload.iss };
}

async function connectV1() {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  const { ClientCredentialsProvider } = await import('@modelcontextprotocol/sdk/client/auth-extensions.js');
  const { ElicitRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  const authProvider = new ClientCredentialsProvider({ clientId, clientSecret, expectedIssuer: issuer,
    ...(scope ? { scope } : {}) });
  const client = new Client({ name: 'shop-oauth-v1', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    observed.asked.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
  const transport = new StreamableHTTPClientTransport(url, { authProvider, fetch: tracingFetch });
  await client.connect(transport);
  observed.version = transport.protocolVersion ?? null;
  observed.sessionId = transport.sessionId ?? null;
  return { client, authProvider };
}

async function connectV2() {
  const { Client, StreamableHTTPClientTransport, ClientCredentialsProvider } = await import('@modelcontextprotocol/client');
  const authProvider = new ClientCredentialsProvider({ clientId, clientSecret, expectedIssuer: issuer,
    ...(scope ? { scope } : {}) });
  const client = new Client({ name: 'shop-oauth-v2', version: '1.0.0' }, {
    capabilities: { elicitation: { form: {} } },
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  });
  client.setRequestHandler('elicitation/create', async (request) => {
    observed.asked.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
  const transport = new StreamableHTTPClientTransport(url, { authProvider, fetch: tracingFetch });
  await client.connect(transport);
  observed.version = client.getNegotiatedProtocolVersion();
  observed.sessionId = transport.sessionId ?? null;
  return { client, authProvider };
}

try {
  const { client, authProvider } = sdk === 'v1' ? await connectV1() : await connectV2();
  observed.firstToken = claims(authProvider.tokens().access_token);
  observed.tools = (await client.listTools()).tools.map((tool) => tool.name).sort();
  const tables = await client.callTool({ name: 'list_tables', arguments: {} });
  observed.tables = tables.structuredContent.tables.map((table) => table.name);
  const schema = await client.readResource({ uri: 'db://schema' });
  observed.schemaTables = JSON.parse(schema.contents[0].text).map((table) => table.name);
  try {
    const order = await client.callTool({ name: 'add_order', arguments: { customerId: 1, productId: 2, quantity: 2 } });
    observed.order = order.structuredContent ?? null;
    const id = order.structuredContent?.order?.id;
    if (id !== undefined) {
      const row = await client.callTool({ name: 'query',
        arguments: { sql: `SELECT quantity, status FROM orders WHERE id = ${Number(id)}` } });
      observed.orderRow = row.structuredContent.rows[0];
    }
  } catch (e) {
    observed.orderRefused = `${e?.constructor?.name}: ${e?.message}`;
    observed.orderRefusedCode = e?.code ?? null;
  }
  observed.lastToken = claims(authProvider.tokens().access_token);
  await client.close();
} catch (e) {
  observed.error = String(e?.stack ?? e);
}
console.log(JSON.stringify(observed));
process.exit(observed.error ? 1 : 0);

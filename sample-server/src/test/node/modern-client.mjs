// Drives the sample shop with the official TypeScript SDK: the v2 client pinned to 2026-07-28 (stateless,
// the order's confirmation answered through multi-round results), and the v1 client, which gets a
// legacy session. Prints one JSON object with what each saw.
// Usage: node modern-client.mjs <endpoint-url> <customerId> <productId>
const [endpoint, customerId, productId] = process.argv.slice(2);
const url = new URL(endpoint);
const observed = {};

async function modern() {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const client = new Client({ name: 'shop-v2', version: '1.0.0' }, {
    capabilities: { elicitation: { form: {} } },
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  });
  const asked = [];
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.push(request.params.message);
    return { action: 'accept', content: { confirm: true } };
  });
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);
  observed.modernVersion = client.getNegotiatedProtocolVersion();
  observed.modernEra = client.getProtocolEra();
  observed.modernSessionId = transport.sessionId ?? null;
  observed.modernTools = (await client.listTools()).tools.map((tool) => tool.name).sort();
  const result = await client.callTool({ name: 'add_order',
    arguments: { customerId: Number(customerId), productId: Number(productId), quantity: 2 } });
  observed.modernOrder = result.structuredContent ?? null;
  observed.modernAsked = asked;
  await client.close();
}

async function legacy() {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  const { ElicitRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  const client = new Client({ name: 'shop-v1', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);
  observed.legacyVersion = transport.protocolVersion ?? null;
  observed.legacySessionId = transport.sessionId ?? null;
  const result = await client.callTool({ name: 'add_order',
    arguments: { customerId: Number(customerId), productId: Number(productId), quantity: 1 } });
  observed.legacyOrder = result.structuredContent ?? null;
  await client.close();
}

try {
  await modern();
  await legacy();
} catch (e) {
  observed.error = String(e?.stack ?? e);
}
console.log(JSON.stringify(observed));
process.exit(observed.error ? 1 : 0);

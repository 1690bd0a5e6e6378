// Calls the structured-output tools of the interop server with the official TypeScript SDK client, v1
// or v2, both of which check structuredContent against the tool's outputSchema and throw on a mismatch.
// Prints one JSON object: per tool, the result the client accepted, or the error it threw.
// Usage: node structured-client.mjs <v1|v2> <endpoint-url>
const [major, endpoint] = process.argv.slice(2);
const url = new URL(endpoint);

async function v1Client() {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  const client = new Client({ name: 'structured-v1', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

async function v2Client() {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const client = new Client({ name: 'structured-v2', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

const client = major === 'v2' ? await v2Client() : await v1Client();
const observed = { tools: {} };
// The clients validate against the schemas they listed, so list first.
await client.listTools();
for (const name of ['null_component', 'null_record', 'people']) {
  try {
    const result = await client.callTool({ name, arguments: {} });
    observed.tools[name] = { isError: result.isError ?? false, structuredContent: result.structuredContent ?? null,
      text: result.content?.[0]?.text ?? null };
  } catch (e) {
    observed.tools[name] = { thrown: String(e?.message ?? e) };
  }
}
await client.close();
console.log(JSON.stringify(observed));
process.exit(0);

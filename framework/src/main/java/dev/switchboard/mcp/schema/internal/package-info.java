/**
 * JSON Schema (dialect 2020-12) from Java types, as Jackson sees them, and validation of JSON values
 * against such schemas. Reads type metadata only; never invokes user code.
 */
@NullMarked
package dev.switchboard.mcp.schema.internal;

import org.jspecify.annotations.NullMarked;

package dev.switchboard.mcp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.DecodedBody;
import dev.switchboard.mcp.protocol.internal.JsonRpcCodec;
import dev.switchboard.mcp.protocol.internal.MalformedMessageException;
import dev.switchboard.mcp.protocol.internal.UriTemplate;
import dev.switchboard.mcp.schema.internal.SchemaCheck;
import dev.switchboard.mcp.schema.internal.SchemaValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the fuzz targets found, as plain tests with the failing inputs (reduced by hand), each fixed. */
class FuzzFindingsRegressionTest {
  private static final JsonRpcCodec CODEC = JsonRpcCodec.create();
  private static final JsonMapper WIRE = CODEC.mapper();

  // --- JsonRpcCodec / RequestId (FuzzCodecTest, FuzzRequestIdTest) ---

  /**
   * FuzzCodecTest found {@code [..., {"id":21e400}, 3]}: an id that reads as Infinity made
   * {@code RequestId.fromJson} throw JsonNodeException out of {@code decode}, so a one-line body turned
   * into an internal error. An id is a string or an integer a long holds; anything else is no id.
   */
  @Test
  void idThatIsNoLongIsInvalidRequest() {
    for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":-1e400,\"result\":{}}")) {
      MalformedMessageException e = assertThrows(MalformedMessageException.class,
          () -> CODEC.decode(body.getBytes(StandardCharsets.UTF_8)), body);
      assertEquals(ErrorCodes.INVALID_REQUEST, e.response().error().code());
    }
    DecodedBody batch = CODEC.decode(("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"id\":21e400},3]")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(1, batch.messages().size());
    assertEquals(2, batch.rejected().size());
    assertNull(RequestId.fromJson(WIRE.readTree("1e400")));
  }

  /**
   * FuzzCodecTest (in a 10 s run) found {@code {"jsonrpc":"2.0","id":7,"error":{"code":-3269...9901,"message":
   * "no","data":[1,2.5,null]}}} (the code has 73 digits): an error code that is an integer but no int passes
   * the {@code isIntegralNumber()} check, then {@code intValue()} throws JsonNodeException out of
   * {@code decode}. A client's error response to a server request (sampling, elicitation, roots) can carry one.
   */
  @Test
  void errorCodeBeyondInt() {
    String huge = "-32" + "6".repeat(1) + "9".repeat(67) + "901";
    for (String code : List.of("4294967296", huge)) {
      byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":" + code + ",\"message\":\"no\"}}")
          .getBytes(StandardCharsets.UTF_8);
      MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> CODEC.decode(body), code);
      assertEquals(ErrorCodes.INVALID_REQUEST, e.response().error().code());
    }
  }

  // --- UriTemplate (FuzzUriTemplateTest) ---

  @Test
  void invalidPercentEncodingIsRefusedAsInvalidParams() {
    // Found by the fuzzer as {+a}%{b}.{c} against an expansion, failing with
    // 'URLDecoder: Illegal hex characters in escape (%) pattern - Error at index 0 in: "x%"'.
    for (String[] templateAndUri : new String[][] {{"db://tables/{name}", "db://tables/%zz"},
        {"file:///{+path}", "file:///x%"}, {"{+a}%{b}.{c}", "x%%.y"}}) {
      UriTemplate template = UriTemplate.parse(templateAndUri[0]);
      McpException e = assertThrows(McpException.class, () -> template.match(templateAndUri[1]),
          templateAndUri[1]);
      assertEquals(ErrorCodes.INVALID_PARAMS, e.code());
    }
  }

  @Test
  void reservedVariablesMatchInLinearTime() {
    UriTemplate template = UriTemplate.parse("mem://{+a}/{+b}/{+c}.txt");
    String uri = "mem://" + "/".repeat(2000);
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(template.match(uri).isPresent()));
    UriTemplate two = UriTemplate.parse("files://{+root}/{+path}.json");
    String longer = "files://" + "/".repeat(100_000);
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(two.match(longer).isPresent()));
    // The longest URI a request body may carry (4 MiB), against templates with one and three reserved parts.
    String body = "x/".repeat(2 * 1024 * 1024);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(template.match("mem://" + body).isPresent()));
    assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertTrue(UriTemplate.parse("mem://{+all}").match("mem://" + body).isPresent()));
  }

  // --- SchemaValidator and SchemaCheck (FuzzSchemaValidatorTest, FuzzSchemaShapesTest) ---

  /**
   * FuzzSchemaValidatorTest: a tool argument of {@code 1e400} (a DoubleNode holding Infinity on the wire)
   * made {@code validate} throw JsonNodeException ("'DoubleNode' method decimalValue() cannot convert
   * value Infinity to java.math.BigDecimal") from every schema that looks at numbers, even {@code {}}.
   */
  @Test
  void infiniteNumberAsAValue() {
    for (String schema : List.of("{}", "{\"type\":\"integer\"}", "{\"type\":\"number\",\"minimum\":0}",
        "{\"enum\":[1,2]}", "{\"const\":1}")) {
      SchemaValidator validator = SchemaValidator.of(WIRE.readTree(schema));
      for (String value : List.of("1e400", "-1e400")) {
        List<String> errors = validator.validate(WIRE.readTree(value));
        assertFalse(errors.isEmpty(), schema + " accepts " + value);
      }
    }
    SchemaValidator tool = SchemaValidator.of(WIRE.readTree(
        "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}}}"));
    assertFalse(tool.validate(WIRE.readTree("{\"count\":1e400}")).isEmpty());
  }

  /** FuzzSchemaShapesTest: {@code {"minimum":1e400}} passes SchemaCheck, then validating any number throws. */
  @Test
  void infiniteNumberInASchema() {
    for (String schema : List.of("{\"minimum\":1e400}", "{\"exclusiveMaximum\":-1e400}", "{\"multipleOf\":1e400}",
        "{\"enum\":[1e400]}", "{\"const\":1e400}")) {
      JsonNode node = WIRE.readTree(schema);
      assertFalse(SchemaCheck.problems(node).isEmpty(), schema);
      SchemaValidator.of(node).validate(WIRE.readTree("5")); // an unchecked schema must not make it throw either
    }
  }

  /**
   * FuzzSchemaShapesTest: SchemaCheck itself throws JsonNodeException ("'BigIntegerNode' method asLong()
   * cannot convert value 40000000000000000000000 to long") for a count beyond a long, instead of
   * reporting a problem.
   */
  @Test
  void countBeyondLong() {
    assertFalse(SchemaCheck.problems(WIRE.readTree("{\"minLength\":40000000000000000000000}")).isEmpty());
  }

  /**
   * FuzzSchemaShapesTest: {@code {"maxLength":4294967296}} passes SchemaCheck (it fits a long), then
   * SchemaValidator throws JsonNodeException ("'LongNode' method asInt() cannot convert value 4294967296
   * to int") for every string; the same for maxItems, minProperties and the others.
   */
  @Test
  void countBeyondInt() {
    for (String[] schemaAndValue : new String[][] {{"{\"maxLength\":4294967296}", "\"abc\""},
        {"{\"maxItems\":4294967296}", "[1]"}, {"{\"minProperties\":4294967296}", "{}"}}) {
      JsonNode schema = WIRE.readTree(schemaAndValue[0]);
      assertFalse(SchemaCheck.problems(schema).isEmpty(), schemaAndValue[0]);
    }
  }

  /**
   * FuzzSchemaShapesTest: SchemaCheck accepts {@code {"allOf":[{"$ref":"#"},{"$ref":"#"}]}}, and validating
   * anything against it never ends in practice: each level doubles the work down to the depth limit of
   * 64 (2^32 checks); {@code oneOf}, or {@code not} next to {@code allOf}, do the same.
   */
  @Test
  void recursiveReferencesInTwoBranches() {
    for (String schema : List.of("{\"allOf\":[{\"$ref\":\"#\"},{\"$ref\":\"#\"}]}",
        "{\"oneOf\":[{\"$ref\":\"#\"},{\"$ref\":\"#\"}]}", "{\"not\":{\"$ref\":\"#\"},\"allOf\":[{\"$ref\":\"#\"}]}")) {
      JsonNode node = WIRE.readTree(schema);
      List<String> errors = assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> SchemaValidator.of(node).validate(WIRE.readTree("1")), schema);
      assertTrue(errors.stream().anyMatch(error -> error.contains("too complex")), schema + ": " + errors);
    }
  }
}

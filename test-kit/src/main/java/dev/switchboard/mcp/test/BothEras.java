package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test of an {@link McpServerTest} class once per era, in place of {@code @Test}: its
 * {@link McpTestClient} parameters (and fields) speak a session revision in one run and 2026-07-28
 * in the other, so the same test code checks both wires, questions to the user included.
 *
 * <pre>{@code
 * @BothEras
 * void asksBeforeOrdering(McpTestClient client) {
 *   ToolResult result = client.call("order").argument("item", "lamp")
 *       .answering(ClientScript.acceptElicitation(Map.of("confirm", true))).send();
 *   assertThat(result).hasText("Ordered lamp.").asked(ServerQuestion.ELICITATION, "lamp");
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(BothErasExtension.class)
public @interface BothEras {
  /**
   * The revisions to run with, one run each.
   *
   * @return 2025-11-25 (sessions) and 2026-07-28 (stateless) unless said
   */
  ProtocolVersion[] value() default {ProtocolVersion.V2025_11_25, ProtocolVersion.V2026_07_28};
}

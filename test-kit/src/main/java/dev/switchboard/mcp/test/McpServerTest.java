package dev.switchboard.mcp.test;

import dev.switchboard.mcp.protocol.ProtocolVersion;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit test class with a server under test. The class declares where the server comes from with
 * {@link ServerUnderTest} on one field or method: static for one server for the whole class, started
 * before the first test and stopped after the last; an instance member for a server per test. The
 * extension then injects, into test and lifecycle method parameters and into instance fields, an
 * {@link McpTestServer} and {@link McpTestClient}s (a new client per parameter or field, of the
 * revision below, closed after the test).
 *
 * <pre>{@code
 * @McpServerTest
 * class WeatherToolsTest {
 *   @ServerUnderTest
 *   static McpServer server = WeatherServer.server();
 *
 *   @Test
 *   void saysTheWeather(McpTestClient client) {
 *     assertThat(client.callTool("weather", Map.of("city", "Oslo"))).isNotError();
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(McpServerExtension.class)
public @interface McpServerTest {
  /**
   * The revision of the clients injected (a {@link BothEras} test gets both eras instead).
   *
   * @return 2025-11-25 unless said
   */
  ProtocolVersion revision() default ProtocolVersion.V2025_11_25;
}

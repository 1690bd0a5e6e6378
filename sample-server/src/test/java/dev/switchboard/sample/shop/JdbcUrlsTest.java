package dev.switchboard.sample.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** JDBC URLs printed without the credentials they carry. */
class JdbcUrlsTest {
  @Test
  void userNamesAndSecretsAreHidden() {
    Map<String, String> urls = Map.ofEntries(
        Map.entry("jdbc:h2:mem:shop;USER=alice;PASSWORD=hunter2", "jdbc:h2:mem:shop;USER=***;PASSWORD=***"),
        Map.entry("jdbc:h2:tcp://db/shop;MODE=MySQL;password=s3cret;user=bob",
            "jdbc:h2:tcp://db/shop;MODE=MySQL;password=***;user=***"),
        Map.entry("jdbc:postgresql://db:5432/shop?user=fred&password=secret&ssl=true",
            "jdbc:postgresql://db:5432/shop?user=***&password=***&ssl=true"),
        Map.entry("jdbc:postgresql://db/shop?sslpassword=key-pass&sslmode=verify-full",
            "jdbc:postgresql://db/shop?sslpassword=***&sslmode=verify-full"),
        Map.entry("jdbc:mysql://fred:secret@db:3306/shop", "jdbc:mysql://***@db:3306/shop"),
        Map.entry("jdbc:mariadb://fred@db/shop", "jdbc:mariadb://***@db/shop"),
        Map.entry("jdbc:oracle:thin:scott/tiger@db:1521:orcl", "jdbc:oracle:thin:***@db:1521:orcl"),
        Map.entry("jdbc:oracle:thin:@//db:1521/orcl", "jdbc:oracle:thin:@//db:1521/orcl"),
        Map.entry("jdbc:sqlserver://db;User ID=sa;Password={pa;ss};encrypt=true",
            "jdbc:sqlserver://db;User ID=***;Password=***;encrypt=true"),
        Map.entry("jdbc:db2://db:50000/shop:user=db2inst1;password=pw;", "jdbc:db2://db:50000/shop:user=***;password=***;"),
        Map.entry("jdbc:snowflake://acct.snowflakecomputing.com/?private_key_file_pwd=pw&db=shop",
            "jdbc:snowflake://acct.snowflakecomputing.com/?private_key_file_pwd=***&db=shop"),
        Map.entry("jdbc:h2:mem:shop;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "jdbc:h2:mem:shop;MODE=PostgreSQL;DB_CLOSE_DELAY=-1"));
    urls.forEach((url, masked) -> assertEquals(masked, JdbcUrls.mask(url), url));
  }

  @Test
  void aMessageQuotingAUrlIsMaskedToo() {
    assertEquals("URL format error; must be \"jdbc:h2:{ {.|mem:}[name] | [file:]fileName | {tcp|ssl}:[//]server"
            + "[:port][,server2[:port]]/name }[;key=value...]\" but is \"jdbc:h2:x;PASSWORD=***\"",
        JdbcUrls.mask("URL format error; must be \"jdbc:h2:{ {.|mem:}[name] | [file:]fileName | {tcp|ssl}:[//]server"
            + "[:port][,server2[:port]]/name }[;key=value...]\" but is \"jdbc:h2:x;PASSWORD=hunter2\""));
  }
}

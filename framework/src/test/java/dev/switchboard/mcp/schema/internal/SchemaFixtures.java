package dev.switchboard.mcp.schema.internal;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Types whose schemas are pinned by golden files. */
final class SchemaFixtures {
  private SchemaFixtures() {}

  record Primitives(boolean flag, Boolean boxedFlag, int count, Integer boxedCount, long big, short small, byte tiny,
      double ratio, Float boxedRatio, char initial, String name) {}

  record Scalars(BigDecimal amount, BigInteger huge, Instant at, OffsetDateTime offsetAt, ZonedDateTime zonedAt,
      LocalDate day, LocalTime time, LocalDateTime localAt, Duration timeout, UUID id, URI link, byte[] data) {}

  enum Unit { CELSIUS, FAHRENHEIT }

  enum Priority {
    @JsonPropertyDescription("Do it when there is time") @JsonProperty("low") LOW,
    @JsonPropertyDescription("Do it today") @JsonProperty("high") HIGH
  }

  record Enums(Unit unit, Priority priority, List<Unit> units) {}

  record Collections(List<String> tags, Set<Integer> ids, String[] names, Map<String, Double> scores,
      Map<Unit, String> labels, List<List<Integer>> matrix) {}

  record Address(String street, String city) {}

  record Optionals(Optional<String> nickname, OptionalInt age, @Nullable String note, @Nullable Address address,
      Optional<Address> billing) {}

  record Product(String sku, BigDecimal price) {}

  record Line(Product product, int quantity) {}

  record Customer(String name, Address address) {}

  record Order(Customer customer, List<Line> lines, Product featured) {}

  record TreeNode(String name, List<TreeNode> children) {}

  record Node(String label, List<Node> kids) {}

  record Folder(String name, Node root) {}

  @JsonClassDescription("A search over the catalog")
  record Search(
      @JsonPropertyDescription("Words to look for") String query,
      @JsonProperty(defaultValue = "10") @JsonPropertyDescription("How many results") Integer limit,
      @JsonProperty(defaultValue = "relevance") String order) {}

  /** A classic Java bean: properties come from getters and setters, as Jackson sees them. */
  static final class Account {
    private String owner = "";
    private long balance;
    private String secret = "";

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    @JsonProperty("balance_cents")
    public long getBalance() {
      return balance;
    }

    @JsonProperty("balance_cents")
    public void setBalance(long balance) {
      this.balance = balance;
    }

    @JsonIgnore
    public String getSecret() {
      return secret;
    }

    @JsonIgnore
    public void setSecret(String secret) {
      this.secret = secret;
    }
  }
}

package dev.switchboard.mcp.server;

import dev.switchboard.mcp.annotations.McpParam;
import dev.switchboard.mcp.annotations.McpResource;
import dev.switchboard.mcp.annotations.McpTool;
import dev.switchboard.mcp.protocol.ElicitationResult;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ModelPreferences;
import dev.switchboard.mcp.protocol.Root;
import dev.switchboard.mcp.protocol.SamplingRequest;
import dev.switchboard.mcp.protocol.SamplingResult;
import dev.switchboard.mcp.protocol.Tool;
import dev.switchboard.mcp.protocol.UrlElicitation;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Tools that ask the client things: elicitation, sampling, roots; and a resource to watch. */
public class ClientFeatureTools {
  final AtomicReference<McpServer> server = new AtomicReference<>();

  /** Colors with display titles. */
  public enum Color {
    @McpParam(title = "Bright red") RED,
    @McpParam(title = "Deep blue") BLUE
  }

  /** Toppings without titles. */
  public enum Topping { CHEESE, OLIVES, BASIL }

  /** The form the user fills in. */
  public record Profile(
      @McpParam(title = "Name", description = "What to call you") String name,
      Optional<Integer> age,
      Color favorite,
      Set<Topping> toppings,
      @McpParam(defaultValue = "true") boolean newsletter,
      Optional<LocalDate> birthday) {}

  @McpTool(description = "Asks the user for a profile")
  public String askProfile(RequestContext context) throws Exception {
    ElicitationResult<Profile> answer = context.elicit("Tell me about yourself", Profile.class);
    if (!answer.accepted()) {
      return "no profile: " + answer.action().wireName();
    }
    Profile profile = answer.value().orElseThrow();
    return profile.name() + "/" + profile.age().map(String::valueOf).orElse("?") + "/" + profile.favorite() + "/"
        + profile.toppings().stream().map(Enum::name).sorted().collect(Collectors.joining("+")) + "/"
        + profile.newsletter();
  }

  @McpTool(description = "Asks the client's model")
  public String sample(String prompt, RequestContext context) throws Exception {
    SamplingResult result = context.createMessage(SamplingRequest.builder(100)
        .userMessage(prompt)
        .systemPrompt("Be brief")
        .modelPreferences(new ModelPreferences(List.of("claude"), 0.2, null, 0.8))
        .build());
    return "model " + result.model() + " said: " + result.text();
  }

  @McpTool(description = "Asks the client's model, offering a tool")
  public String sampleWithTools(RequestContext context) throws Exception {
    return context.createMessage(SamplingRequest.builder(50).userMessage("hi").tool(Tool.builder("lookup").build())
        .toolChoice("auto").build()).text();
  }

  @McpTool(description = "Lists the client's roots")
  public String roots(RequestContext context) throws Exception {
    return context.listRoots().stream().map(Root::uri).collect(Collectors.joining(","));
  }

  @McpTool(description = "Sends the user to a page")
  public String authorize(RequestContext context) throws Exception {
    return "user said " + context.elicitUrl(new UrlElicitation("auth-1", "https://example.com/auth", "Please sign in"))
        .action().wireName();
  }

  @McpTool(description = "Needs an authorization first")
  public String needsAuthorization() {
    throw McpException.urlElicitationRequired(
        List.of(new UrlElicitation("auth-2", "https://example.com/auth?x=1", "Sign in to continue")));
  }

  @McpTool(description = "Reports a change to a resource")
  public String touch(String uri) {
    server.get().notifyResourceUpdated(uri);
    return "touched " + uri;
  }

  @McpTool(description = "Reports that an URL elicitation completed")
  public String completeAuthorization(RequestContext context) {
    return String.valueOf(context.session().orElseThrow().notifyElicitationComplete("auth-1"));
  }

  @McpResource(uri = "memo://watched", description = "A resource to watch")
  public String watched() {
    return "watched";
  }
}

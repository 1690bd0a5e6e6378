package dev.switchboard.mcp.server.internal;

import dev.switchboard.mcp.protocol.CacheHint;
import dev.switchboard.mcp.protocol.CallToolResult;
import dev.switchboard.mcp.protocol.ClientCapabilityException;
import dev.switchboard.mcp.protocol.ErrorCodes;
import dev.switchboard.mcp.protocol.McpException;
import dev.switchboard.mcp.protocol.ReadResourceResult;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.internal.JsonRpcError;
import dev.switchboard.mcp.protocol.internal.JsonRpcRequest;
import dev.switchboard.mcp.protocol.internal.JsonRpcResponse;
import dev.switchboard.mcp.protocol.internal.Texts;
import dev.switchboard.mcp.server.ToolErrorException;
import dev.switchboard.mcp.session.SessionClosedException;
import dev.switchboard.mcp.session.internal.Caller;
import dev.switchboard.mcp.session.internal.InFlightCall;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user handlers: on the handler executor, as cancellable calls of their caller, turning what
 * they return or throw into the answer their revision expects (a result, a tool error, a JSON-RPC
 * error, or, in 2026-07-28, an input-required result that ends a round).
 */
final class HandlerCalls {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerCalls.class);

  /**
   * How a handler's exception is answered: a tool error the model reads, or a JSON-RPC error, with
   * {@code message}, which is the exception's own only when it is meant for the client.
   */
  @FunctionalInterface
  interface Failure {
    JsonRpcResponse answer(RequestId id, Exception e, String message);
  }

  /** User code that produces a result, run for one request. */
  @FunctionalInterface
  interface Work {
    Object run(CallContext context) throws Exception;
  }

  private static final SecureRandom REFERENCES = new SecureRandom();

  private final ServerCore server;
  private final Executor executor;
  private final ClientRequests clientRequests;
  private final ModernResults modern;
  private final Rounds rounds;

  HandlerCalls(ServerCore server, Executor executor, ClientRequests clientRequests, ModernResults modern,
      Rounds rounds) {
    this.server = server;
    this.executor = executor;
    this.clientRequests = clientRequests;
    this.modern = modern;
    this.rounds = rounds;
  }

  /** A result as the caller's revision writes it. */
  Object complete(Caller caller, Object result) {
    if (!caller.protocolVersion().isStateless()) {
      return result;
    }
    CacheHint hint = null;
    if (result instanceof ReadResourceResult read) {
      hint = read.cacheHint() != null ? read.cacheHint() : CacheHint.NONE;
    }
    return modern.complete(result, hint);
  }

  /**
   * Runs user code for a request on the handler executor, as a cancellable call of its caller. Its
   * result, or the error {@code failure} makes of what it threw, goes to the request's channel.
   * {@code kind} and {@code name} say what ran, for the logs only, which join them.
   */
  void run(JsonRpcRequest request, Caller caller, OutboundChannel channel, @Nullable Replay replay,
      String kind, String name, Work work, Failure failure) {
    run(request, caller, channel, replay, kind, name, work, failure, null);
  }

  /**
   * Runs user code as {@link #run(JsonRpcRequest, Caller, OutboundChannel, Replay, String, String, Work, Failure)}
   * does, cancelling it if it outlasts {@code deadline}; then the client gets {@code failure}'s answer
   * saying so instead of nothing.
   */
  void run(JsonRpcRequest request, Caller caller, OutboundChannel channel, @Nullable Replay replay,
      String kind, String name, Work work, Failure failure, @Nullable Duration deadline) {
    InFlightCall call = caller.beginCall(request.id());
    if (call == null) {
      throw new McpException(ErrorCodes.INVALID_REQUEST,
          caller.session().isPresent() ? "Session has ended" : "The server is shutting down");
    }
    CallContext context = new CallContext(request, caller, channel, call, clientRequests, server, replay);
    if (deadline != null) {
      context.deadline(server.time().schedule(() -> {
        context.timedOut();
        call.cancel();
      }, deadline));
    }
    long started = server.time().nanoTime();
    CallTracing.Traced traced = server.settings().tracing().start(request, name, channel.httpRequest(), caller);
    try {
      String shown = Texts.echo(name); // a URI or name the client chose
      executor.execute(() -> runCall(kind, shown, work, failure, context, started, traced));
    } catch (RejectedExecutionException e) {
      traced.end(CallObserver.Outcome.ERROR);
      caller.endCall(call);
      caller.callAnswered();
      LOG.warn("handler executor is saturated; refused {} {} for {}", kind, name, caller.describe());
      throw new McpException(ErrorCodes.INTERNAL_ERROR, "Server is overloaded, retry later");
    }
  }

  private void runCall(String kind, String name, Work work, Failure failure, CallContext context, long started,
      CallTracing.Traced traced) {
    CallTracing.Entered entered = traced.enter();
    InFlightCall call = context.call();
    RequestId id = context.requestId();
    JsonRpcResponse response = null;
    CallObserver.Outcome outcome = CallObserver.Outcome.OK;
    try {
      if (call.start()) {
        response = JsonRpcResponse.success(id, complete(context.caller(), work.run(context)));
      }
    } catch (InputRequired asked) {
      response = inputRequired(context, asked, kind, name);
      outcome = CallObserver.Outcome.INPUT_REQUIRED;
    } catch (McpException e) {
      response = JsonRpcResponse.failure(id, JsonRpcError.of(e));
    } catch (ClientCapabilityException e) {
      // In 2026-07-28 a handler that needs what the client did not declare is the client's -32021.
      response = context.protocolVersion().isStateless() ? JsonRpcResponse.failure(id, ModernResults.missingCapability(e))
          : decorated(context, failure.answer(id, e, describe(e)));
      LOG.debug("{} {} needs a client capability: {}", kind, name, e.getMessage());
    } catch (Exception e) {
      if (!call.isCancelled()) {
        String message;
        if (isExpected(e)) {
          LOG.debug("{} {} failed", kind, name, e);
          message = describe(e);
        } else {
          // Its message may hold internals, so the client gets a reference the operator finds in the log.
          String reference = String.format("%08x", REFERENCES.nextInt());
          LOG.warn("{} {} failed (reference {})", kind, name, reference, e);
          message = "The " + kind + " failed unexpectedly (reference " + reference + "); the server's log has the details";
        }
        response = decorated(context, failure.answer(id, e, message));
      }
    } catch (Throwable e) {
      LOG.error("{} {} failed", kind, name, e);
      response = JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    } finally {
      context.cancelDeadline();
      call.finish();
      Caller caller = context.caller();
      // The call ends before its answer is written, so idle time counts from the moment it was produced.
      caller.endCall(call);
      // A cancelled request gets no response; its stream stops waiting for one. Any other call is
      // answered, even when the error handling itself failed.
      JsonRpcResponse answer = call.isCancelled() ? null : response != null ? response
          : JsonRpcResponse.failure(id, JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
      if (answer == null) {
        outcome = context.isTimedOut() ? CallObserver.Outcome.TIMEOUT : CallObserver.Outcome.CANCELLED;
      } else if (outcome == CallObserver.Outcome.OK) {
        outcome = outcomeOf(answer);
      }
      // Measured before the answer goes out, so whoever reads the answer finds the call counted.
      server.callEnded(kind, name, outcome, server.time().nanoTime() - started);
      entered.close();
      traced.end(outcome);
      if (answer != null) {
        context.channel().send(answer);
      } else if (context.isTimedOut()) {
        String message = "The " + kind + " did not finish in time and was stopped";
        LOG.warn("{} {} ran past its deadline and was cancelled", kind, name);
        context.channel().send(decorated(context, failure.answer(id, new TimeoutException(message), message)));
      } else {
        context.channel().abandon(id);
      }
      caller.callAnswered();
    }
  }

  private static CallObserver.Outcome outcomeOf(JsonRpcResponse response) {
    if (response.error() != null) {
      return CallObserver.Outcome.ERROR;
    }
    Object result = response.result();
    return result instanceof CallToolResult tool && tool.isError() ? CallObserver.Outcome.TOOL_ERROR
        : CallObserver.Outcome.OK;
  }

  /** A failure's answer as the caller's revision writes it (a tool error is a result). */
  private JsonRpcResponse decorated(CallContext context, JsonRpcResponse response) {
    Object result = response.result();
    RequestId id = response.id();
    return result == null || id == null ? response : JsonRpcResponse.success(id, complete(context.caller(), result));
  }

  /** The end of a round: what the client must answer, and the signed state it sends back. */
  private JsonRpcResponse inputRequired(CallContext context, InputRequired asked, String kind, String name) {
    Replay replay = context.replay();
    if (replay == null) { // only a context with a replay throws it
      LOG.error("{} {} asked for input outside a multi-round call", kind, name);
      return JsonRpcResponse.failure(context.requestId(), JsonRpcError.of(ErrorCodes.INTERNAL_ERROR, "Internal error"));
    }
    String state = rounds.seal(replay, new ArrayList<>(asked.requests().keySet()));
    return JsonRpcResponse.success(context.requestId(), modern.inputRequired(asked.requests(), state));
  }

  /** A tool's failure is a result the model can read. */
  static JsonRpcResponse toolError(RequestId id, Exception e, String message) {
    return JsonRpcResponse.success(id, CallToolResult.error(message));
  }

  /** Other handlers' failures are errors: bad input is the caller's, anything else is ours. */
  static JsonRpcResponse handlerError(RequestId id, Exception e, String message) {
    int code = e instanceof IllegalArgumentException || e instanceof ToolErrorException ? ErrorCodes.INVALID_PARAMS
        : ErrorCodes.INTERNAL_ERROR;
    return JsonRpcResponse.failure(id, JsonRpcError.of(code, message));
  }

  /**
   * Failures that are part of a handler's contract, not bugs, whose messages are meant for the client:
   * bad arguments (the model's, or the handler's own check), a failure the handler describes, a client
   * that cannot be asked or does not answer, a session that ended.
   */
  private static boolean isExpected(Exception e) {
    return e instanceof IllegalArgumentException || e instanceof ToolErrorException || e instanceof TimeoutException
        || e instanceof SessionClosedException || e instanceof InterruptedException;
  }

  private static String describe(Exception e) {
    if (e instanceof InterruptedException) {
      return "The call was interrupted";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}

package org.pitfallatlas.errors;

/**
 * The error types of the errors family's call chains, and what the edge of a chain reads from a
 * failure: how many layers wrapped it, the root cause's message and the outermost message.
 *
 * <p>Both pairs build the same chain: layer 1 (called by the edge, the request handler) calls layer
 * 2 and so on down to layer {@code depth}, which calls the downstream; the downstream fails. The
 * exception variants throw a {@link Downstream} at the bottom and wrap it in one {@link Layer} per
 * layer; the result-value variant returns an {@link Err} at the bottom and wraps it in one {@code
 * Err} per layer. {@link Failure} is what the edge extracts from either, identically.
 */
public final class ChainErrors {

  private ChainErrors() {}

  /** The root cause: the downstream call failed. */
  public static final class Downstream extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A root cause.
     *
     * @param message what failed
     * @param stackTrace whether to fill in the stack trace (false: the stackless constructor, no
     *     suppression either, as {@code Throwable(String, Throwable, false, false)})
     */
    public Downstream(String message, boolean stackTrace) {
      super(message, null, stackTrace, stackTrace);
    }
  }

  /** One layer's wrapper: its context, with the error from below as its cause. */
  public static final class Layer extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A wrapper with a stack trace: what people write, {@code new LayerException(msg, cause)}.
     *
     * @param message this layer's context
     * @param cause the error from the layer below
     */
    public Layer(String message, Throwable cause) {
      super(message, cause);
    }

    /**
     * A stackless wrapper: {@code super(message, cause, false, false)} (writableStackTrace=false,
     * so the constructor never calls fillInStackTrace; no suppressed exceptions either).
     *
     * @param message this layer's context
     * @param cause the error from the layer below
     * @param stackless marks the stackless constructor; must be true
     * @throws IllegalArgumentException if {@code stackless} is false
     */
    public Layer(String message, Throwable cause, boolean stackless) {
      super(message, cause, false, false);
      if (!stackless) {
        throw new IllegalArgumentException(
            "the three-argument Layer constructor is the stackless one: pass true, or use"
                + " Layer(message, cause) for a wrapper with a stack trace");
      }
    }
  }

  /** A result value: {@link Ok} or {@link Err}, Go's {@code (T, error)} as one sealed type. */
  public sealed interface Result permits Ok, Err {}

  /**
   * A success.
   *
   * @param value the value
   */
  public record Ok(long value) implements Result {}

  /**
   * A failure: a message and the error it wraps (null at the root), Go's {@code wrapError}.
   *
   * @param message this level's context, or the root cause's message
   * @param cause the wrapped error, or null for the root
   */
  public record Err(String message, Err cause) implements Result {}

  /**
   * What the edge reads from a failed request: the number of layers that wrapped the root cause,
   * the root cause's message (what the handler maps to a status code) and the outermost message
   * (what it puts in the response).
   *
   * @param layers how many wrappers lie above the root cause
   * @param rootMessage the root cause's message
   * @param topMessage the outermost wrapper's message
   */
  public record Failure(int layers, String rootMessage, String topMessage) {

    /** Reads a thrown chain: walks {@code getCause()} to the root. */
    public static Failure of(Throwable top) {
      int layers = 0;
      Throwable t = top;
      while (t.getCause() != null) {
        layers++;
        t = t.getCause();
      }
      return new Failure(layers, t.getMessage(), top.getMessage());
    }

    /** Reads a result-value chain: walks {@code cause()} to the root. */
    public static Failure of(Err top) {
      int layers = 0;
      Err e = top;
      while (e.cause() != null) {
        layers++;
        e = e.cause();
      }
      return new Failure(layers, e.message(), top.message());
    }
  }

  /**
   * The chain as people write it: layer {@code i} calls layer {@code i + 1} (a real frame per
   * layer, one call each), layer {@code depth} calls the downstream, which throws a root cause with
   * a stack trace, and every layer catches what comes up and rethrows it wrapped in a {@link Layer}
   * with a stack trace. WrappedErrors' pitfall, and the chain under LogAndRethrow's fix.
   */
  static final class StackTraceChain {
    private final int depth;
    private final String rootMessage;

    StackTraceChain(int depth, String rootMessage) {
      checkDepth(depth);
      this.depth = depth;
      this.rootMessage = rootMessage;
    }

    /** Calls layer {@code i}; from layer 1 it always throws a Layer wrapping the chain below. */
    long layer(int i) throws Layer {
      try {
        return i == depth ? downstream() : layer(i + 1) + 1;
      } catch (Downstream | Layer e) {
        throw new Layer(context(i), e);
      }
    }

    /** The failing downstream call. */
    long downstream() throws Downstream {
      throw new Downstream(rootMessage, true);
    }
  }

  /**
   * Returns layer {@code i}'s context, formatted per call as {@code fmt.Errorf("layer %d: ...:
   * %w")} formats its message (Go's also copies the wrapped error's text into it; a Java cause
   * chain does not, so this is the cheaper half of Go's formatting, and the same in every variant).
   */
  static String context(int i) {
    return "layer " + i + ": loading inventory";
  }

  /** Rejects a chain depth below 1, saying what to pass instead. */
  static void checkDepth(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException(
          "depth must be at least 1 (the number of layers between the edge and the failing"
              + " downstream), got "
              + depth
              + "; pass e.g. -p depth=16");
    }
  }
}

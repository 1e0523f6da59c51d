package org.pitfallatlas.analysis.report;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pitfallatlas.analysis.compare.Metrics;
import org.pitfallatlas.analysis.compare.Pairs;
import org.pitfallatlas.analysis.compare.Row;
import org.pitfallatlas.analysis.suite.PairSpec;

/**
 * A PairCode is the notebook section that shows the code under test, as the JMH samples do: for
 * each pair class of a family, its result at the suite's profiled point (the verdict sentences of
 * {@link FamilyReport#verdict()}, one per pitfall-vs-fix row, from the run's pairs table), then its
 * {@code pitfall…} methods and its {@code fix…} methods side by side, read with JavaParser from
 * {@code benchmarks/src/main/java/<package>/<Class>.java} in the checkout when the notebook is
 * rendered.
 *
 * <p>What is shown, and the rule for helpers:
 *
 * <ul>
 *   <li>every {@code @Benchmark} method of the class whose name starts with {@code pitfall} or
 *       {@code fix}, as written: annotations, signature and body with its comments; its Javadoc is
 *       not repeated, its first sentence is the one-line lead above the code;
 *   <li>the methods of the same class that those methods call directly ({@code helper(…)} or {@code
 *       this.helper(…)}; one level, not the helpers' own calls; not other {@code @Benchmark}
 *       methods; overloads told apart by argument count and the argument types the source states,
 *       see {@link #overloads}): so a one-line body such as {@code return
 *       allocate(lengths[cursor.next()]);} comes with the method that does the work. A helper
 *       called from one side only is shown under that side's column; one both sides call (a shared
 *       driver such as {@code serveWindow}) once, under both columns.
 * </ul>
 *
 * <p>Methods of other classes (a superclass, a {@code @State} class, another file) are not
 * followed. When the source cannot be read (a results folder read without the checkout, a renamed
 * class) the section says which file it expected and what to do, and the rest of the notebook
 * renders as usual.
 */
public final class PairCode {

  /** The benchmark sources, relative to the checkout. */
  static final String SOURCES = "benchmarks/src/main/java";

  private static final String BENCHMARK = "Benchmark";

  private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");

  /**
   * A Snippet is one method as written in its source file.
   *
   * @param name the method's name
   * @param lead the first sentence of its Javadoc, or empty
   * @param code its text from its first annotation (or modifier) to its closing brace, indented as
   *     if it were at the top level
   */
  public record Snippet(String name, String lead, String code) {}

  /**
   * A Side is one column: the pair class's pitfall (or fix) methods and the helpers only they call.
   *
   * @param methods the {@code pitfall…} (or {@code fix…}) methods, in source order
   * @param helpers the same-class methods they call directly that the other side does not
   */
  public record Side(List<Snippet> methods, List<Snippet> helpers) {}

  /**
   * A Source is what one pair class's file gives the section.
   *
   * @param file the file read
   * @param pitfall the pitfall column
   * @param fix the fix column
   * @param shared the same-class methods both sides call directly
   */
  public record Source(Path file, Side pitfall, Side fix, List<Snippet> shared) {}

  private final FamilyReport report;
  private final Supplier<Path> checkout;

  /**
   * Returns the section for a report, reading the sources under a checkout.
   *
   * @param report the family's report (its pairs table gives the results)
   * @param checkout the atlas checkout (e.g. {@link AtlasPaths#home}); may throw {@link
   *     IllegalStateException} when there is none, which the section turns into a note
   */
  PairCode(FamilyReport report, Supplier<Path> checkout) {
    this.report = report;
    this.checkout = checkout;
  }

  /** Shows one HTML block per pair class (pitfall and fix in two columns). */
  public void show() {
    html().forEach(Output::show);
  }

  /** Returns one HTML block per pair class: the result, then pitfall and fix in two columns. */
  public List<Output> html() {
    return render(true);
  }

  /**
   * Returns one Markdown block per pair class: the result, then pitfall and fix one under the
   * other.
   */
  public List<Output> markdown() {
    return render(false);
  }

  private List<Output> render(boolean html) {
    List<Output> out = new ArrayList<>();
    for (String cls : report.pairClasses()) {
      Optional<String> qualified =
          report.table().rows().stream()
              .filter(PairCode::methodPair)
              .map(Row::benchmark)
              .filter(b -> ReportNames.simple(b).equals(cls))
              .findFirst();
      if (qualified.isEmpty()) {
        continue;
      }
      List<Row> at = atPoint(cls, profilePoint(cls));
      Map<String, String> point =
          new TreeMap<>(at.isEmpty() ? profilePoint(cls) : at.get(0).params());
      List<String> results = results(cls, at);
      if (results.isEmpty()) {
        results =
            List.of(
                "This run has no average-time or throughput comparison of "
                    + cls
                    + " (its pairs are compared on other metrics: see the pairs table).");
      }
      String where = SOURCES + "/" + qualified.get().replace('.', '/') + ".java";
      Source source;
      String problem;
      try {
        source = read(checkout.get(), qualified.get());
        problem = null;
      } catch (IllegalStateException | IllegalArgumentException e) {
        source = null;
        problem = e.getMessage();
      }
      if (source != null) {
        List<String> gone = notInSource(cls, source);
        if (!gone.isEmpty()) {
          results = new ArrayList<>(results);
          results.add(
              "Measured in this run but not in the source now: "
                  + String.join(", ", gone)
                  + " (renamed or removed since the run; the code below is the checkout's).");
        }
      }
      Block block = new Block(cls, point, results, where, source, problem);
      out.add(html ? Output.html(html(block)) : Output.markdown(markdown(block)));
    }
    if (out.isEmpty()) {
      out.add(
          Output.markdown(
              "_No class of this run compares a pitfall… method with a fix… method: nothing to"
                  + " show._"));
    }
    return out;
  }

  /**
   * Returns the work a pair's two sides hand to a shared driver, side by side, when it lives in
   * another class the rule above does not follow: every overload of {@code pitfallMethod} and of
   * {@code fixMethod} in {@code qualifiedClass}. E.g. gc's AllocationLatency serves {@code
   * ServiceHeap.serve} (pitfall) or {@code ServiceHeap.serveReusing} (fix) through the same
   * open-loop driver: {@code code.workload("org.pitfallatlas.gc.ServiceHeap", "serve",
   * "serveReusing").show()}. A note when the source cannot be read, or has no such methods.
   */
  public Output workload(String qualifiedClass, String pitfallMethod, String fixMethod) {
    String cls = ReportNames.simple(qualifiedClass);
    String where = SOURCES + "/" + qualifiedClass.replace('.', '/') + ".java";
    Source source = null;
    String problem = null;
    try {
      Parsed p = parse(checkout.get(), qualifiedClass);
      List<Snippet> pit = named(p, pitfallMethod);
      List<Snippet> fix = named(p, fixMethod);
      if (pit.isEmpty() || fix.isEmpty()) {
        problem =
            p.file()
                + " has no method "
                + (pit.isEmpty() ? pitfallMethod : fixMethod)
                + " (renamed since this notebook was written?)";
      } else {
        source =
            new Source(p.file(), new Side(pit, List.of()), new Side(fix, List.of()), List.of());
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      problem = e.getMessage();
    }
    return Output.html(
        html(
            new Block(
                cls + ": " + pitfallMethod + " vs " + fixMethod,
                Map.of(),
                List.of(),
                where,
                source,
                problem)));
  }

  private static List<Snippet> named(Parsed p, String name) {
    return p.type().getMethods().stream()
        .filter(m -> m.getNameAsString().equals(name))
        .map(m -> snippet(m, p.lines()))
        .toList();
  }

  /**
   * Reads the pitfall and fix methods of one benchmark class.
   *
   * @param checkout the atlas checkout
   * @param qualifiedClass the class, e.g. {@code org.pitfallatlas.fanin.FanInResults}
   * @return what the section shows of it
   * @throws IllegalStateException if the file is missing or unreadable, saying which file was
   *     expected and what to do
   * @throws IllegalArgumentException if the file does not parse or has no such class
   */
  public static Source read(Path checkout, String qualifiedClass) {
    Parsed p = parse(checkout, qualifiedClass);
    return source(p.file(), p.lines(), p.type());
  }

  /** A source file read and parsed: its lines and its top-level class of the wanted name. */
  private record Parsed(Path file, String[] lines, TypeDeclaration<?> type) {}

  private static Parsed parse(Path checkout, String qualifiedClass) {
    String relative = SOURCES + "/" + qualifiedClass.replace('.', '/') + ".java";
    Path file = checkout.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "the source of "
              + ReportNames.simple(qualifiedClass)
              + " is not where it was expected: "
              + file
              + ". The code is read from a checkout of the atlas when the notebook is rendered:"
              + " render it inside the checkout the run was made from (or set "
              + AtlasPaths.HOME
              + " to one); a renamed or moved class needs that checkout's commit");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    ParserConfiguration config =
        new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    ParseResult<CompilationUnit> parsed = new JavaParser(config).parse(text);
    if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
      throw new IllegalArgumentException(
          "JavaParser cannot parse "
              + file
              + ": "
              + parsed.getProblems().stream().findFirst().map(Object::toString).orElse("?"));
    }
    String simple = ReportNames.simple(qualifiedClass);
    TypeDeclaration<?> type =
        parsed.getResult().get().getTypes().stream()
            .filter(t -> t.getNameAsString().equals(simple))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(file + " declares no top-level class " + simple));
    return new Parsed(file, text.split("\r?\n", -1), type);
  }

  private static Source source(Path file, String[] lines, TypeDeclaration<?> type) {
    List<MethodDeclaration> methods = type.getMethods();
    List<MethodDeclaration> pitfalls = variants(methods, Pairs.PITFALL);
    List<MethodDeclaration> fixes = variants(methods, Pairs.FIX);
    Set<MethodDeclaration> pitfallCalls = callees(pitfalls, methods, type);
    Set<MethodDeclaration> fixCalls = callees(fixes, methods, type);
    List<Snippet> pitfallHelpers = new ArrayList<>();
    List<Snippet> fixHelpers = new ArrayList<>();
    List<Snippet> shared = new ArrayList<>();
    for (MethodDeclaration m : methods) {
      boolean p = pitfallCalls.contains(m);
      boolean f = fixCalls.contains(m);
      if (p && f) {
        shared.add(snippet(m, lines));
      } else if (p) {
        pitfallHelpers.add(snippet(m, lines));
      } else if (f) {
        fixHelpers.add(snippet(m, lines));
      }
    }
    return new Source(
        file,
        new Side(pitfalls.stream().map(m -> snippet(m, lines)).toList(), pitfallHelpers),
        new Side(fixes.stream().map(m -> snippet(m, lines)).toList(), fixHelpers),
        shared);
  }

  private static List<MethodDeclaration> variants(List<MethodDeclaration> methods, String prefix) {
    return methods.stream()
        .filter(m -> m.isAnnotationPresent(BENCHMARK) && m.getNameAsString().startsWith(prefix))
        .toList();
  }

  /**
   * The same-class, non-benchmark methods the given methods call directly ({@code helper(…)} or
   * {@code this.helper(…)}), overloads told apart by {@link #overloads}.
   */
  private static Set<MethodDeclaration> callees(
      List<MethodDeclaration> callers, List<MethodDeclaration> all, TypeDeclaration<?> type) {
    Set<MethodDeclaration> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MethodDeclaration caller : callers) {
      for (MethodCallExpr call : caller.findAll(MethodCallExpr.class)) {
        if (call.getScope().map(Expression::isThisExpr).orElse(true)) {
          out.addAll(overloads(call, caller, all, type));
        }
      }
    }
    return out;
  }

  /**
   * The non-benchmark methods of the class a call may invoke: those of its name and number of
   * arguments; among several, those whose parameter types (erased) match the argument types that
   * can be read off the source (a parameter, local or field of the caller's class, or the return
   * type of another same-class call) — all of them when that leaves none. No symbol solving.
   */
  static List<MethodDeclaration> overloads(
      MethodCallExpr call,
      MethodDeclaration caller,
      List<MethodDeclaration> all,
      TypeDeclaration<?> type) {
    List<MethodDeclaration> named =
        all.stream()
            .filter(m -> !m.isAnnotationPresent(BENCHMARK))
            .filter(m -> m.getNameAsString().equals(call.getNameAsString()))
            .filter(m -> m.getParameters().size() == call.getArguments().size())
            .toList();
    if (named.size() < 2) {
      return named;
    }
    List<MethodDeclaration> matching =
        named.stream()
            .filter(
                m -> {
                  for (int i = 0; i < call.getArguments().size(); i++) {
                    String arg = typeOf(call.getArgument(i), caller, all, type);
                    String param = erased(m.getParameter(i).getType().asString());
                    if (arg != null && !arg.equals(param)) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    return matching.isEmpty() ? named : matching;
  }

  /** The erased type of an argument where the source says it plainly, else null. */
  private static String typeOf(
      Expression arg,
      MethodDeclaration caller,
      List<MethodDeclaration> all,
      TypeDeclaration<?> type) {
    if (arg.isMethodCallExpr()
        && arg.asMethodCallExpr().getScope().map(Expression::isThisExpr).orElse(true)) {
      List<MethodDeclaration> called = overloads(arg.asMethodCallExpr(), caller, all, type);
      return called.size() == 1 ? erased(called.get(0).getType().asString()) : null;
    }
    if (!arg.isNameExpr() && !arg.isFieldAccessExpr()) {
      return null;
    }
    String name =
        arg.isNameExpr()
            ? arg.asNameExpr().getNameAsString()
            : arg.asFieldAccessExpr().getNameAsString();
    if (arg.isNameExpr()) {
      for (Parameter p : caller.getParameters()) {
        if (p.getNameAsString().equals(name)) {
          return erased(p.getType().asString());
        }
      }
      for (VariableDeclarator v : caller.findAll(VariableDeclarator.class)) {
        if (v.getNameAsString().equals(name)) {
          return v.getType().isVarType() ? null : erased(v.getType().asString());
        }
      }
    }
    for (FieldDeclaration f : type.getFields()) {
      for (VariableDeclarator v : f.getVariables()) {
        if (v.getNameAsString().equals(name)) {
          return erased(v.getType().asString());
        }
      }
    }
    return null;
  }

  /** {@code List<Integer>} -> {@code List}; arrays keep their brackets. */
  private static String erased(String type) {
    return type.replaceAll("<.*>", "").replace(" ", "");
  }

  /** The method's text as written (without its Javadoc), dedented by its first line's column. */
  static Snippet snippet(MethodDeclaration m, String[] lines) {
    Position begin = m.getBegin().orElseThrow();
    Position end = m.getEnd().orElseThrow();
    int indent = begin.column - 1;
    StringBuilder code = new StringBuilder();
    for (int i = begin.line; i <= end.line; i++) {
      String line = lines[i - 1];
      if (i == end.line) {
        line = line.substring(0, Math.min(line.length(), end.column));
      }
      int cut = 0;
      while (cut < indent && cut < line.length() && line.charAt(cut) == ' ') {
        cut++;
      }
      code.append(
              i == begin.line
                  ? line.substring(Math.min(indent, line.length()))
                  : line.substring(cut))
          .append('\n');
    }
    String lead = m.getJavadoc().map(j -> firstSentence(j.getDescription().toText())).orElse("");
    return new Snippet(m.getNameAsString(), lead, code.toString().stripTrailing());
  }

  /**
   * The first sentence of a Javadoc description (up to a full stop before a capital), on one line,
   * inline tags reduced to their text ({@code {@link #serve()}} to {@code serve()}, a link's label
   * where it has one).
   */
  static String firstSentence(String description) {
    String flat =
        description
            .replaceAll("\\{@(?:link|linkplain)\\s+[^}\\s]+\\s+([^}]+)}", "$1")
            .replaceAll("\\{@(?:code|link|linkplain|literal)\\s+([^}]*)}", "$1")
            .replaceAll("(^|[\\s(])#(\\w)", "$1$2")
            .replaceAll("(\\w)#(\\w)", "$1.$2")
            .replaceAll("\\s+", " ")
            .strip();
    Matcher end = SENTENCE_END.matcher(flat);
    return end.find() ? flat.substring(0, end.start() + 1) : flat;
  }

  // --- results ----------------------------------------------------------------------------------

  private Map<String, String> profilePoint(String cls) {
    return report.suite().stream()
        .flatMap(s -> s.pairs().stream())
        .filter(p -> p.className().equals(cls))
        .map(PairSpec::profileParams)
        .filter(p -> p != null)
        .findFirst()
        .orElse(Map.of());
  }

  /**
   * The class's time (else throughput) rows at the point; at the first point the run has when the
   * point is not in it.
   */
  private List<Row> atPoint(String cls, Map<String, String> point) {
    List<Row> time = rows(cls, "time");
    if (time.isEmpty()) {
      time = rows(cls, "throughput");
    }
    List<Row> at = time.stream().filter(r -> r.params().equals(point)).toList();
    if (at.isEmpty() && !time.isEmpty()) {
      Map<String, String> first = time.get(0).params();
      at = time.stream().filter(r -> r.params().equals(first)).toList();
    }
    return at;
  }

  /** The verdict sentences of the rows (with B/op where the run has it), as the verdict's. */
  private List<String> results(String cls, List<Row> at) {
    List<Row> bytes = rows(cls, Metrics.ALLOC);
    List<String> out = new ArrayList<>();
    for (Row r : at) {
      // The heading names the point, so the sentence leaves it out.
      Row unplaced =
          new Row(
              r.name(),
              r.benchmark(),
              Map.of(),
              r.config(),
              r.metric(),
              r.unit(),
              r.direction(),
              r.columns(),
              r.deltas(),
              r.warnings());
      StringBuilder s = new StringBuilder(Verdicts.sentence(unplaced, r.deltas().get(0)));
      bytes.stream()
          .filter(b -> b.name().equals(r.name()))
          .findFirst()
          .ifPresent(b -> s.append("; ").append(Verdicts.bytesSentence(b)));
      out.add(s.append('.').toString());
    }
    return out;
  }

  /**
   * Whether a row compares two methods of one class (a pitfall… and a fix…), not two JVM
   * configurations of one benchmark (gc): only those have a method pair to show.
   */
  private static boolean methodPair(Row r) {
    return r.columns().size() == 2
        && r.columns().get(0).label().startsWith(Pairs.PITFALL)
        && r.columns().get(1).label().startsWith(Pairs.FIX);
  }

  /** The pitfall and fix methods the run measured in a class that its source no longer has. */
  private List<String> notInSource(String cls, Source source) {
    Set<String> shown = new LinkedHashSet<>();
    for (Side side : List.of(source.pitfall(), source.fix())) {
      side.methods().forEach(m -> shown.add(m.name()));
    }
    Set<String> gone = new LinkedHashSet<>();
    for (Row r : report.table().rows()) {
      if (ReportNames.simple(r.benchmark()).equals(cls)) {
        for (var c : r.columns()) {
          String m = c.label();
          if ((m.startsWith(Pairs.PITFALL) || m.startsWith(Pairs.FIX)) && !shown.contains(m)) {
            gone.add(m);
          }
        }
      }
    }
    return List.copyOf(gone);
  }

  private List<Row> rows(String cls, String metric) {
    return report.table().rows().stream()
        .filter(PairCode::methodPair)
        .filter(r -> ReportNames.simple(r.benchmark()).equals(cls) && r.metric().equals(metric))
        .toList();
  }

  private String provenance(String where) {
    String commit = report.info().commit();
    return "read from `"
        + where
        + "` when this notebook was rendered"
        + (commit == null || commit.isBlank() || commit.equals("unknown")
            ? ""
            : "; the run was measured at commit `"
                + commit.substring(0, Math.min(12, commit.length()))
                + "`");
  }

  // --- rendering --------------------------------------------------------------------------------

  /** What one pair class's block shows; {@code source} is null when {@code problem} says why. */
  private record Block(
      String cls,
      Map<String, String> point,
      List<String> results,
      String where,
      Source source,
      String problem) {}

  private String markdown(Block b) {
    StringBuilder md = new StringBuilder("#### ").append(b.cls());
    if (!b.point().isEmpty()) {
      md.append(" at ").append(ReportNames.point(b.point()));
    }
    md.append("\n\n");
    b.results().forEach(r -> md.append("- ").append(r).append('\n'));
    md.append('\n');
    if (b.source() == null) {
      return md.append("_The code: ").append(b.problem()).append("._\n").toString();
    }
    md.append('_').append(capitalised(provenance(b.where()))).append("._\n\n");
    side(md, "Pitfall", b.source().pitfall());
    side(md, "Fix", b.source().fix());
    if (!b.source().shared().isEmpty()) {
      md.append("**Called from both sides**\n\n");
      b.source().shared().forEach(s -> snippet(md, s));
    }
    return md.toString();
  }

  private static void side(StringBuilder md, String title, Side side) {
    md.append("**").append(title).append("**\n\n");
    side.methods().forEach(s -> snippet(md, s));
    if (!side.helpers().isEmpty()) {
      md.append("_Called from the ").append(title.toLowerCase(Locale.ROOT)).append(" side:_\n\n");
      side.helpers().forEach(s -> snippet(md, s));
    }
  }

  private static void snippet(StringBuilder md, Snippet s) {
    if (!s.lead().isEmpty()) {
      md.append('_').append(s.lead()).append("_\n\n");
    }
    md.append("```java\n").append(s.code()).append("\n```\n\n");
  }

  private String html(Block b) {
    StringBuilder h = new StringBuilder("<div>\n<h4>").append(escape(b.cls()));
    if (!b.point().isEmpty()) {
      h.append(" at ").append(escape(ReportNames.point(b.point())));
    }
    h.append("</h4>\n");
    if (!b.results().isEmpty()) {
      h.append("<ul>\n");
      b.results().forEach(r -> h.append("<li>").append(escape(r)).append("</li>\n"));
      h.append("</ul>\n");
    }
    if (b.source() == null) {
      return h.append("<p><i>The code: ")
          .append(escape(b.problem()))
          .append(".</i></p>\n</div>")
          .toString();
    }
    h.append("<p><i>")
        .append(
            escape(capitalised(provenance(b.where()))).replaceAll("`([^`]*)`", "<code>$1</code>"))
        .append(".</i></p>\n");
    h.append("<table width=\"100%\" style=\"width:100%; table-layout:fixed\">\n<tr>")
        .append("<th width=\"50%\" align=\"left\" style=\"text-align:left\">pitfall</th>")
        .append("<th width=\"50%\" align=\"left\" style=\"text-align:left\">fix</th></tr>\n<tr>");
    column(h, b.source().pitfall(), "pitfall");
    column(h, b.source().fix(), "fix");
    h.append("</tr>\n");
    if (!b.source().shared().isEmpty()) {
      h.append("<tr><td colspan=\"2\" align=\"left\" style=\"text-align:left\">")
          .append("<p><b>called from both sides</b></p>\n");
      b.source().shared().forEach(s -> pre(h, s));
      h.append("</td></tr>\n");
    }
    return h.append("</table>\n</div>").toString();
  }

  private static void column(StringBuilder h, Side side, String title) {
    h.append("<td valign=\"top\" align=\"left\" style=\"vertical-align:top; text-align:left\">\n");
    side.methods().forEach(s -> pre(h, s));
    if (!side.helpers().isEmpty()) {
      h.append("<p><b>called from the ").append(title).append(" side</b></p>\n");
      side.helpers().forEach(s -> pre(h, s));
    }
    h.append("</td>");
  }

  private static void pre(StringBuilder h, Snippet s) {
    if (!s.lead().isEmpty()) {
      h.append("<p><i>").append(escape(s.lead())).append("</i></p>\n");
    }
    h.append("<pre style=\"font-size:85%; overflow-x:auto; text-align:left\">")
        .append(escape(s.code()))
        .append("</pre>\n");
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

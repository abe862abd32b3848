package io.chaoslab.ci;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.builder.AstBuilder;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilePhase;

/**
 * A Jenkinsfile as Groovy's parser sees it, reduced to the declarative outline: each section is a
 * method call whose last argument may be a closure ({@code stages { stage('x') { steps {...} } }}).
 * Parsing is Groovy 4's own (the language Jenkins runs); what declarative allows where is checked
 * by {@link JenkinsfileTest}, since no linter available here knows it.
 */
final class PipelineOutline {

  /** One call: its name, its first argument when a constant, and the calls in its closure. */
  record Section(String name, Optional<String> label, List<Section> children, ASTNode node) {

    List<Section> all(String name) {
      return children.stream().filter(c -> c.name().equals(name)).toList();
    }

    Optional<Section> first(String name) {
      return children.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Every {@code sh} step anywhere below, its script as a constant ({@code sh 'x'} or {@code sh
     * script: 'x'}); an interpolated script is returned as its source text.
     */
    List<String> shellSteps() {
      return findCalls(node, "sh").stream().map(PipelineOutline::script).toList();
    }

    /** Every call of {@code method} anywhere below, e.g. {@code junit} inside {@code post}. */
    List<MethodCallExpression> calls(String method) {
      return findCalls(node, method);
    }
  }

  private PipelineOutline() {}

  /** The top-level calls of {@code jenkinsfile}; fails on a syntax error. */
  static List<Section> parse(String jenkinsfile) {
    List<ASTNode> nodes =
        new AstBuilder().buildFromString(CompilePhase.CONVERSION, true, jenkinsfile);
    List<Section> top = new ArrayList<>();
    for (ASTNode node : nodes) {
      if (node instanceof BlockStatement block) {
        top.addAll(sections(block));
      }
    }
    return top;
  }

  private static List<Section> sections(BlockStatement block) {
    List<Section> sections = new ArrayList<>();
    for (Statement statement : block.getStatements()) {
      if (statement instanceof ExpressionStatement e
          && e.getExpression() instanceof MethodCallExpression call) {
        sections.add(section(call));
      }
    }
    return sections;
  }

  private static Section section(MethodCallExpression call) {
    List<Expression> args = arguments(call);
    Optional<String> label =
        args.stream()
            .findFirst()
            .filter(ConstantExpression.class::isInstance)
            .map(a -> String.valueOf(((ConstantExpression) a).getValue()));
    List<Section> children = List.of();
    if (!args.isEmpty()
        && args.getLast() instanceof ClosureExpression closure
        && closure.getCode() instanceof BlockStatement block) {
      children = sections(block);
    }
    return new Section(call.getMethodAsString(), label, children, call);
  }

  private static List<Expression> arguments(MethodCallExpression call) {
    if (call.getArguments() instanceof ArgumentListExpression list) {
      return list.getExpressions();
    }
    if (call.getArguments() instanceof TupleExpression tuple) {
      return tuple.getExpressions();
    }
    return List.of();
  }

  private static List<MethodCallExpression> findCalls(ASTNode node, String method) {
    List<MethodCallExpression> found = new ArrayList<>();
    node.visit(
        new CodeVisitorSupport() {
          @Override
          public void visitMethodCallExpression(MethodCallExpression call) {
            if (method.equals(call.getMethodAsString())) {
              found.add(call);
            }
            super.visitMethodCallExpression(call);
          }
        });
    return found;
  }

  /** The named argument {@code key} of a call such as {@code junit testResults: 'x'}. */
  static Optional<String> namedArgument(MethodCallExpression call, String key) {
    for (Expression arg : arguments(call)) {
      if (arg instanceof MapExpression map) {
        for (var entry : map.getMapEntryExpressions()) {
          if (entry.getKeyExpression().getText().equals(key)) {
            return Optional.of(entry.getValueExpression().getText());
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String script(MethodCallExpression sh) {
    List<Expression> args = arguments(sh);
    Expression script =
        args.size() == 1 && args.getFirst() instanceof ConstantExpression ? args.getFirst() : null;
    if (script != null) {
      return String.valueOf(((ConstantExpression) script).getValue());
    }
    return namedArgument(sh, "script").orElse(sh.getArguments().getText());
  }
}

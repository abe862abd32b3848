package io.chaoslab.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a CRD's CEL rules ({@code x-kubernetes-validations}) with cel-java, as the API server
 * does with cel-go: each rule runs with {@code self} bound to the value of the field that carries
 * it. The rules here use only standard CEL (macros, {@code has}, {@code in}), which both
 * implementations share; Kubernetes' own CEL libraries (quantity, url ...) are not available. A
 * rule with a {@code fieldPath} is reported at that field, as the API server reports it.
 */
public final class CelRules {

  /** A rule as the CRD states it, with the JSON pointer of the field it is reported at. */
  public record Rule(String path, String rule, String message) {}

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private CelRules() {}

  /** Every rule in {@code schema}, wherever it sits. */
  public static List<Rule> all(JsonNode schema) {
    List<Rule> rules = new ArrayList<>();
    collect(schema, "", rules);
    return rules;
  }

  /** Compiles a rule; a syntax or type error throws, naming the rule. */
  public static CelAbstractSyntaxTree compile(String rule) {
    try {
      return COMPILER.compile(rule).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException("CEL rule does not compile: " + rule, e);
    }
  }

  /**
   * The messages of the rules {@code value} breaks on creation, each after its field's JSON
   * pointer. Transition rules (those that read {@code oldSelf}) are skipped, as the API server
   * skips them on create.
   */
  public static List<String> violations(JsonNode schema, JsonNode value) {
    return violations(schema, null, value);
  }

  /**
   * The messages of the rules an update from {@code old} to {@code value} breaks: transition rules
   * run where the field exists in both, with {@code oldSelf} bound to the old value.
   */
  public static List<String> violations(JsonNode schema, JsonNode old, JsonNode value) {
    List<String> violations = new ArrayList<>();
    check(schema, old, value, "", violations);
    return violations;
  }

  private static void collect(JsonNode schema, String path, List<Rule> rules) {
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      rules.add(
          new Rule(
              reportedAt(path, validation),
              validation.get("rule").asText(),
              validation.path("message").asText()));
    }
    schema
        .path("properties")
        .properties()
        .forEach(p -> collect(p.getValue(), join(path, p.getKey()), rules));
    if (schema.has("items")) {
      collect(schema.get("items"), path + "/*", rules);
    }
  }

  private static void check(
      JsonNode schema, JsonNode old, JsonNode value, String path, List<String> out) {
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      String rule = validation.get("rule").asText();
      boolean transition = rule.contains("oldSelf");
      if (transition && old == null) {
        continue;
      }
      if (!evaluate(rule, value, transition ? old : null)) {
        out.add(reportedAt(path, validation) + ": " + validation.path("message").asText());
      }
    }
    if (value.isObject()) {
      schema.path("properties").properties().stream()
          .filter(p -> value.has(p.getKey()))
          .forEach(
              p ->
                  check(
                      p.getValue(),
                      old == null ? null : old.get(p.getKey()),
                      value.get(p.getKey()),
                      join(path, p.getKey()),
                      out));
    } else if (value.isArray() && schema.has("items")) {
      // list items are matched by position only for the rules of the items themselves
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), null, value.get(i), path + "/" + i, out);
      }
    }
  }

  private static boolean evaluate(String rule, JsonNode self, JsonNode oldSelf) {
    try {
      CelRuntime.Program program = RUNTIME.createProgram(compile(rule));
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("self", toCel(self));
      if (oldSelf != null) {
        variables.put("oldSelf", toCel(oldSelf));
      }
      return (Boolean) program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL rule failed to evaluate: " + rule, e);
    }
  }

  /** JSON as CEL sees it: maps, lists, strings, booleans, int64 and double. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(p -> map.put(p.getKey(), toCel(p.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    throw new IllegalArgumentException("no CEL value for " + node);
  }

  /** The rule's field, or the one its {@code fieldPath} (such as {@code .value}) names. */
  private static String reportedAt(String path, JsonNode validation) {
    return path + validation.path("fieldPath").asText().replace('.', '/');
  }

  private static String join(String path, String field) {
    return path + "/" + field;
  }
}

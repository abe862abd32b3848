package io.chaoslab.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Applies a structural schema's defaults to an object the way the API server does before it
 * validates: null fields that are not nullable are dropped, then every absent field with a {@code
 * default} gets it, then the same happens inside, so a defaulted block gets its own fields'
 * defaults too. The fabric8 mock server does none of this.
 */
public final class StructuralDefaults {

  private StructuralDefaults() {}

  /** A copy of {@code spec} as the API server stores it: with the CRD's defaults filled in. */
  public static JsonNode defaultedSpec(JsonNode openApiV3Schema, JsonNode spec) {
    JsonNode copy = spec.deepCopy();
    apply(openApiV3Schema.at("/properties/spec"), copy);
    return copy;
  }

  /** Defaults {@code value} in place. */
  public static void apply(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      applyToObject(schema, object);
    } else if (value.isArray() && schema.has("items")) {
      value.forEach(item -> apply(schema.get("items"), item));
    }
  }

  private static void applyToObject(JsonNode schema, ObjectNode object) {
    JsonNode properties = schema.path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      String name = property.getKey();
      JsonNode propertySchema = property.getValue();
      if (object.has(name)
          && object.get(name).isNull()
          && !propertySchema.path("nullable").asBoolean()) {
        object.remove(name);
      }
      if (!object.has(name) && propertySchema.has("default")) {
        object.set(name, propertySchema.get("default").deepCopy());
      }
      if (object.has(name)) {
        apply(propertySchema, object.get(name));
      }
    }
    JsonNode additional = schema.path("additionalProperties");
    if (additional.isObject()) {
      object.forEach(value -> apply(additional, value));
    }
  }
}

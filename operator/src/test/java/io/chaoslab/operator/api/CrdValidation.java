package io.chaoslab.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * What the API server answers when a custom resource is applied, as far as it can be told offline
 * from the CRD: unknown fields are refused (kubectl's default strict field validation), defaults
 * are applied, then the OpenAPI schema is checked and, if it holds, the CEL rules. An empty list
 * means the resource would be accepted.
 */
public final class CrdValidation {

  private final JsonNode schema;
  private final Schema strictSchema;

  public CrdValidation(JsonNode openApiV3Schema) {
    this.schema = openApiV3Schema;
    // A CRD schema is OpenAPI 3.0, whose keywords are JSON Schema draft 4's (boolean
    // exclusiveMinimum); the x-kubernetes-* extensions are unknown keywords there and ignored.
    this.strictSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
            .getSchema(rejectingUnknownFields(openApiV3Schema.deepCopy()));
  }

  /** The errors for {@code resource}; apiVersion, kind and metadata are the API server's own. */
  public List<String> errors(JsonNode resource) {
    return updateErrors(null, resource);
  }

  /**
   * The errors for an update of {@code old} (already stored, so valid) to {@code resource}: the
   * same checks as on creation, plus the transition rules ({@code oldSelf}).
   */
  public List<String> updateErrors(JsonNode old, JsonNode resource) {
    ObjectNode body = body(resource);
    List<String> schemaErrors = strictSchema.validate(body).stream().map(Error::toString).toList();
    return schemaErrors.isEmpty()
        ? CelRules.violations(schema, old == null ? null : body(old), body)
        : schemaErrors;
  }

  private ObjectNode body(JsonNode resource) {
    ObjectNode body = (ObjectNode) resource.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    StructuralDefaults.apply(schema, body);
    return body;
  }

  /**
   * Closes every object schema that lists its properties, so an unknown field is an error as with
   * {@code kubectl apply}'s server-side strict field validation (the default since Kubernetes
   * 1.27), instead of being silently pruned.
   */
  private static JsonNode rejectingUnknownFields(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        object.put("additionalProperties", false);
      }
      object.path("properties").forEach(CrdValidation::rejectingUnknownFields);
      rejectingUnknownFields(object.path("items"));
      rejectingUnknownFields(object.path("additionalProperties"));
    }
    return schema;
  }
}

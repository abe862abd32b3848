package io.chaoslab.operator.runtime;

/**
 * A setting is missing or invalid; the message names the variable, the rule and the value given.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}

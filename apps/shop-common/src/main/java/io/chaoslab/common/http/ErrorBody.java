package io.chaoslab.common.http;

/** The JSON shape of every error answer. */
public record ErrorBody(String error, String message) {}

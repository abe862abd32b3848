package io.chaoslab.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Runs loadgen's command line in this JVM and captures what it prints. */
final class Loadgen {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Loadgen() {}

  /** Exit code, stdout and stderr of one run. */
  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return MAPPER.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + this, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = LoadgenMain.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int code = command.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The checked settings {@code args} stand for, as the command would run them. */
  static Settings settings(String... args) {
    CommandLine command = LoadgenMain.commandLine();
    command.parseArgs(args);
    return command.<LoadgenMain>getCommand().settings();
  }
}

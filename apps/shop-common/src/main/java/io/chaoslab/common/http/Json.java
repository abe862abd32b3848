package io.chaoslab.common.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the shop: strict when reading, ISO-8601 dates when writing. */
public final class Json {
  /**
   * Jackson's default keeps its read and write buffers per thread; every request here runs on a new
   * virtual thread, so each parse and each answer allocated fresh 8–16 KB buffers. A shared pool
   * hands them from one request to the next; it keeps at most 100 sets (a few MB), so a burst of
   * concurrent requests does not leave its buffers behind for good.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}
}

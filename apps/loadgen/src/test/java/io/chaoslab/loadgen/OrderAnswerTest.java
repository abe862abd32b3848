package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OrderAnswerTest {

  @Test
  void readsTheOrderIdAndQuantityOfACreatedOrder() {
    OrderAnswer a =
        ShopClient.parseAnswer(
            201,
            bytes(
                "{\"orderId\":\"o-1\",\"status\":\"CONFIRMED\",\"notification\":\"SENT\","
                    + "\"productId\":\"keyboard\",\"quantity\":3,\"extra\":{\"a\":[1,2]},"
                    + "\"customerEmail\":\"x@example.com\"}"),
            1);
    assertThat(a.orderId()).isEqualTo("o-1");
    assertThat(a.quantity()).isEqualTo(3);
    assertThat(a.created()).isTrue();
    assertThat(a.outcomeUnknown()).isFalse();
  }

  @Test
  void aBodyThatIsNotJsonStillCountsByItsStatus() {
    OrderAnswer a = ShopClient.parseAnswer(502, bytes("<html>bad gateway</html>"), 2);
    assertThat(a.status()).isEqualTo(502);
    assertThat(a.quantity()).isEqualTo(2);
    assertThat(a.outcomeUnknown()).isTrue();
  }

  @Test
  void onlyAnswersThatLeaveTheOrderOpenAreUnknown() {
    assertThat(error(503, "INVENTORY_UNAVAILABLE").outcomeUnknown()).isFalse();
    assertThat(error(503, "ORDER_IN_RECOVERY").outcomeUnknown()).isFalse();
    assertThat(error(503, "DATABASE_UNAVAILABLE").outcomeUnknown()).isTrue();
    assertThat(error(500, "INTERNAL").outcomeUnknown()).isTrue();
    assertThat(error(409, "INSUFFICIENT_STOCK").outcomeUnknown()).isFalse();
    OrderAnswer none =
        OrderAnswer.failed(new CompletionException(new SocketTimeoutException("timed out")));
    assertThat(none.outcomeUnknown()).isTrue();
    assertThat(none.status()).isEqualTo(OrderAnswer.NO_ANSWER);
    assertThat(none.failure()).isEqualTo("SocketTimeoutException");
  }

  private static OrderAnswer error(int status, String code) {
    return ShopClient.parseAnswer(
        status, bytes("{\"error\":\"" + code + "\",\"message\":\"...\"}"), 1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

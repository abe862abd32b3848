package io.chaoslab.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Event names the API server accepts: a DNS subdomain of at most 253 characters. */
class ResourceEventsTest {
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Test
  void anEventIsNamedAfterItsResourceAndAUuid() {
    String name = ResourceEvents.name("kill-order");

    assertThat(name).matches("kill-order\\." + UUID);
    assertThat(ResourceEvents.name("kill-order")).isNotEqualTo(name);
  }

  @Test
  void aResourceNameTooLongForTheSuffixIsShortenedToA253CharacterSubdomain() {
    String longest = "a".repeat(253);

    String name = ResourceEvents.name(longest);

    assertThat(name).hasSize(253).matches("a{216}\\." + UUID).matches(DNS_SUBDOMAIN);
  }

  @Test
  void aShortenedNameDoesNotEndItsPrefixWithADashOrADot() {
    // cut after 216 characters: the prefix would end in "-." and "-"
    String name = ResourceEvents.name("b".repeat(214) + "-.-" + "c".repeat(30));

    assertThat(name).matches("b{214}\\." + UUID).matches(DNS_SUBDOMAIN);
    assertThat(name.length()).isLessThanOrEqualTo(253);
  }

  @Test
  void aNameThatFitsIsKeptWhole() {
    String fits = "d".repeat(216);

    assertThat(ResourceEvents.name(fits)).hasSize(253).startsWith(fits + ".");
  }
}

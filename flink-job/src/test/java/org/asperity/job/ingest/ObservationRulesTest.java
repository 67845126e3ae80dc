package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObservationRulesTest {
  private static final ObservationRules RULES =
      new ObservationRules(
          Micros.of(Instant.parse("1980-01-06T00:00:00Z")),
          Micros.of(Instant.parse("2500-01-01T00:00:00Z")),
          1000,
          10);

  private static GnssObservation observation(String network, String station) {
    return SyntheticStream.observation(network, station, 0, 0.01, 0.02, -0.01);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sim-00", "NGL", "net_a", "IU.x", "x00001", "ABCDEFGH", "a"})
  void acceptsNetworkCodesOfTheCharset(String network) {
    assertNull(RULES.check(observation(network, "C001")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"C001", "ALGO00CAN", "P-1.x_2", "A"})
  void acceptsStationCodesOfTheCharset(String station) {
    assertNull(RULES.check(observation("NGL", station)));
  }

  /** Each code looks like, or nearly like, an accepted one: the detail names the character. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sim\u200B-00|C001|U+200B", // zero-width space
        "sim-0\u200D|C001|U+200D", // zero-width joiner
        "N\u0435T|C001|U+0435", // Cyrillic small ie for 'e'
        "\u0405IM|C001|U+0405", // Cyrillic capital dze for 'S'
        "NGL|\u0421001|U+0421", // Cyrillic capital es for 'C'
        "NGL|C\u00A0001|U+00A0", // no-break space
        "\uFF2EGL|C001|U+FF2E", // fullwidth N
        "NGL|C00\u0661|U+0661", // Arabic-Indic digit one
        "N\u0301GL|C001|U+0301", // combining acute accent
        "NGL|C0\uD83D\uDE000|U+1F600", // a supplementary code point, named whole
        "net/a|C001|U+002F",
        "net a|C001|U+0020",
        "NGL|C\u0000001|U+0000",
        "NGL|C\t001|U+0009"
      })
  void refusesLookAlikesNamingTheCharacter(String network, String station, String named) {
    ObservationRules.Violation v = RULES.check(observation(network, station));
    assertEquals(DeadLetterReason.UNKNOWN_STATION, v.reason());
    assertTrue(v.detail().contains(named), v.detail());
    assertTrue(v.detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f), v.detail());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ABCDEFGHI|C001|network code has 9 characters, at most 8",
        "NGL|ALGO00CANX|station code has 10 characters, at most 9",
        "''|C001|network code is empty",
        "NGL|''|station code is empty"
      })
  void refusesCodesOfTheWrongLength(String network, String station, String detail) {
    ObservationRules.Violation v = RULES.check(observation(network, station));
    assertEquals(DeadLetterReason.UNKNOWN_STATION, v.reason());
    assertTrue(v.detail().contains(detail), v.detail());
  }
}

package org.asperity.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "90s, PT1M30S",
    "5m, PT5M",
    "2h, PT2H",
    "1d, PT24H",
    "1.5d, PT36H",
    "' 3 D ', PT72H",
    "2y, PT17532H",
    "PT1M30S, PT1M30S",
    "pt30s, PT30S",
    "0s, PT0S"
  })
  void readsEveryUnitOfTheGrammar(String text, String iso) {
    assertEquals(Duration.parse(iso), Durations.parse(text));
  }

  @Test
  void aJulianYearIs365DaysAndAQuarter() {
    assertEquals(Duration.ofHours(365 * 24 + 6), Durations.parse("1y"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "d", "-1d", "1w", "1.d", "PT-5S", "five minutes", "1e3s"})
  void refusesWhatIsNotADurationAndNamesTheGrammar(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @Test
  void refusesNullAndAmountsBeyondLongMillis() {
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999999999y"));
    assertTrue(e.getMessage().contains("too long"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"PT0.25S, 250ms", "PT1M30S, 90s", "PT5M, 5m", "PT2H, 2h", "PT48H, 2d", "PT0S, 0ms"})
  void formatsTheShortestTextThatReadsBack(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertEquals(text, Durations.format(d));
    assertEquals(d, Durations.parse(Durations.format(d)));
  }

  @Test
  void theConverterGivesPicocliTheGrammarInItsError() {
    CommandLine.TypeConversionException e =
        assertThrows(
            CommandLine.TypeConversionException.class,
            () -> new DurationConverter().convert("soon"));
    assertTrue(e.getMessage().contains(Durations.GRAMMAR), e.getMessage());
    assertEquals(Duration.ofDays(2), new DurationConverter().convert("2d"));
  }
}

package org.asperity.job.alerts;

import java.util.List;
import java.util.Locale;
import org.asperity.job.scoring.Forecast;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;

/**
 * The alert policy of one region as a pure state machine over its forecasts in tick order (see
 * {@link AlertPolicy} for the levels and the hysteresis). A level change emits one alert: ISSUE
 * when leaving CLEAR, UPDATE between WATCH and WARNING (referencing the alert it replaces), CANCEL
 * when back to CLEAR (referencing it too). UPDATE and CANCEL carry the ids of every alert since the
 * ISSUE, so a receiver can close the whole chain. Ids are {@code region/LEVEL/tick}, so the same
 * forecasts give the same alerts whenever and however often they are replayed. A forecast with a
 * caveat (its features lie outside the model's training domain: warming up, no earthquake seen yet,
 * the first days after one) is ignored: it neither raises nor lowers the level, nor breaks a
 * streak.
 */
public final class AlertStateMachine {
  private final AlertPolicy policy;

  public AlertStateMachine(AlertPolicy policy) {
    this.policy = policy;
  }

  /** The level {@code f} qualifies for. */
  public AlertLevel qualifyingLevel(Forecast f) {
    if (!(f.momentMagnitude() >= policy.minMagnitude())) {
      return AlertLevel.CLEAR;
    }
    if (f.ttfP50Days() <= policy.warningDays()) {
      return AlertLevel.WARNING;
    }
    if (f.ttfP50Days() <= policy.watchDays()) {
      return AlertLevel.WATCH;
    }
    return AlertLevel.CLEAR;
  }

  /** Whether {@code f} keeps {@code level} in force (its horizon widened by the margin). */
  boolean sustains(AlertLevel level, Forecast f) {
    double widen = 1.0 + policy.leaveMargin();
    boolean strongEnough = f.momentMagnitude() >= policy.minMagnitude();
    return switch (level) {
      case WARNING -> strongEnough && f.ttfP50Days() <= policy.warningDays() * widen;
      case WATCH -> strongEnough && f.ttfP50Days() <= policy.watchDays() * widen;
      default -> true;
    };
  }

  /** Advances {@code state} by one forecast; the alert it causes, or null. */
  public Alert next(AlertState state, Forecast f) {
    if (f.caveat() != null) {
      return null;
    }
    AlertLevel qualifying = qualifyingLevel(f);
    if (rank(qualifying) > rank(state.level)) {
      state.enterLevel =
          state.enterStreak == 0 || rank(qualifying) < rank(state.enterLevel)
              ? qualifying
              : state.enterLevel;
      state.enterStreak++;
    } else {
      state.enterStreak = 0;
      state.enterLevel = AlertLevel.CLEAR;
    }
    if (state.level != AlertLevel.CLEAR && !sustains(state.level, f)) {
      state.leaveStreak++;
    } else {
      state.leaveStreak = 0;
    }
    if (state.enterStreak >= policy.enterCount()) {
      String why =
          String.format(
              Locale.ROOT,
              "%d consecutive forecasts qualify for %s: %s",
              state.enterStreak,
              state.enterLevel,
              describe(f));
      return change(state, state.enterLevel, f, why);
    }
    if (state.leaveStreak >= policy.leaveCount()) {
      String why =
          String.format(
              Locale.ROOT,
              "%d consecutive forecasts no longer sustain %s (margin %.0f %%): %s",
              state.leaveStreak,
              state.level,
              100 * policy.leaveMargin(),
              describe(f));
      return change(state, qualifying, f, why);
    }
    return null;
  }

  private Alert change(AlertState state, AlertLevel to, Forecast f, String why) {
    AlertLevel from = state.level;
    List<String> chain = List.copyOf(state.chain);
    AlertAction action =
        from == AlertLevel.CLEAR
            ? AlertAction.ISSUE
            : to == AlertLevel.CLEAR ? AlertAction.CANCEL : AlertAction.UPDATE;
    String id = Alert.id(f.region(), to, f.windowEndMicros());
    state.level = to;
    if (to == AlertLevel.CLEAR) {
      state.chain.clear();
    } else {
      state.chain.add(id);
    }
    state.enterStreak = 0;
    state.enterLevel = AlertLevel.CLEAR;
    state.leaveStreak = 0;
    return new Alert(
        id,
        f.region(),
        to,
        from,
        action,
        chain,
        f.windowEndMicros(),
        f.ttfP10Days(),
        f.ttfP50Days(),
        f.ttfP90Days(),
        f.momentMagnitude(),
        f.modelVersion(),
        from + " -> " + to + ": " + why);
  }

  private String describe(Forecast f) {
    return String.format(
        Locale.ROOT,
        "TTF p10/p50/p90 %.0f/%.0f/%.0f d, Mw %.2f (WATCH: p50 <= %.0f d,"
            + " WARNING: p50 <= %.0f d, Mw >= %.1f)",
        f.ttfP10Days(),
        f.ttfP50Days(),
        f.ttfP90Days(),
        f.momentMagnitude(),
        policy.watchDays(),
        policy.warningDays(),
        policy.minMagnitude());
  }

  private static int rank(AlertLevel level) {
    return switch (level) {
      case WARNING -> 2;
      case WATCH -> 1;
      default -> 0;
    };
  }
}

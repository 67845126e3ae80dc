package org.asperity.bridge;

/**
 * What one run of the bridge did.
 *
 * @param published CAP messages the broker accepted
 * @param alreadyPublished messages read again after a restart and not published twice
 * @param deadLettered messages that failed validation and went to the dead-letter topic
 */
public record BridgeSummary(long published, long alreadyPublished, long deadLettered) {
  /** One line for the operator. */
  public String line() {
    return "published "
        + published
        + " CAP message(s), skipped "
        + alreadyPublished
        + " already published, sent "
        + deadLettered
        + " invalid one(s) to the dead-letter topic";
  }
}

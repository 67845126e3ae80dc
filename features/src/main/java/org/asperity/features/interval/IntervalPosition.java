package org.asperity.features.interval;

/**
 * One station's position for one sampling interval of the model, from every sample the station
 * reported in it (see {@link IntervalAccumulator}).
 *
 * @param epochMicros the mean epoch of the samples (floored to the µs), µs since 1970 (a single
 *     sample's own epoch)
 * @param sampleCount samples that formed the position
 * @param expectedSamples samples the interval would hold at the station's observed sampling
 *     interval (1 when it cannot be told: a single sample)
 * @param sparse whether {@code sampleCount} is below the coverage threshold of {@code
 *     expectedSamples}
 */
public record IntervalPosition(
    long epochMicros,
    double eastMeters,
    double northMeters,
    double upMeters,
    double sigmaEastMeters,
    double sigmaNorthMeters,
    double sigmaUpMeters,
    long sampleCount,
    long expectedSamples,
    boolean sparse) {}

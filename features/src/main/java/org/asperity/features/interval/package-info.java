/**
 * Any sampling rate in, the model's rate out: {@link
 * org.asperity.features.interval.IntervalAccumulator} reduces one station's samples within one
 * sampling interval of the model (a day) to a robust position (component-wise median, in bounded
 * memory through a remedian) with propagated sigmas, the number of samples that formed it and
 * whether that is too few. Plain Java; the job runs it per station before the features, and a daily
 * series passes through it unchanged.
 */
package org.asperity.features.interval;

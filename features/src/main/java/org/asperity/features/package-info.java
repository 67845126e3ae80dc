/**
 * Rolling GNSS deformation features for time-to-failure forecasts: one implementation, used offline
 * by the trainer ({@link org.asperity.features.RegionFeaturePipeline}) and online by the Flink job
 * (the same state classes inside keyed operators). Plain Java on primitive arrays; no Flink, Kafka
 * or Avro types. Following Corbi et al. (2019, GRL 46, 1303–1311), the model sees rolling
 * statistics of surface deformation, network aggregates (Corbi et al. 2020: a coastal swath 70–85
 * km from the trench is most informative) and the slip deficit per asperity estimated from the GNSS
 * itself; the ground-truth catalog and true slip deficit are never inputs.
 *
 * <h2>Processing contract</h2>
 *
 * The job reproduces exactly these steps; {@link org.asperity.features.RegionFeaturePipeline} is
 * their reference implementation.
 *
 * <ol>
 *   <li><b>Ticks.</b> Forecast ticks are event-time instants that are multiples of {@link
 *       org.asperity.features.FeatureConfig#tickIntervalMicros()} since 1970 (default one day, the
 *       sampling interval). A sample with epoch e belongs to tick T = {@link
 *       org.asperity.features.FeatureConfig#tickOf(long)}(e), the smallest multiple &ge; e: the
 *       interval (T &minus; interval, T].
 *   <li><b>Per station</b> (key: station). One {@link org.asperity.features.StationFeatureState}
 *       per station, created with the layout's trench-normal azimuth ({@link
 *       org.asperity.features.RegionLayout#newStationState}). It ingests the station's samples in
 *       strictly increasing epoch order with {@link
 *       org.asperity.features.StationFeatureState#update}; the caller sorts and drops duplicates
 *       (update rejects a non-increasing epoch and non-finite values or non-positive sigmas with
 *       {@code IllegalArgumentException}: route those to the dead-letter topic). One sample per
 *       tick interval is the series the model was trained on: a faster feed is first reduced to one
 *       position per station and interval by {@link
 *       org.asperity.features.interval.IntervalAccumulator} (a lone sample passes unchanged).
 *   <li><b>Snapshots.</b> At tick T, every station with at least one sample in (T &minus; interval,
 *       T] produces one {@link org.asperity.features.StationSnapshot} via {@link
 *       org.asperity.features.StationFeatureState#snapshot}(T), after ingesting all its samples
 *       &le; T and before any sample &gt; T. Stations without a sample in that interval produce
 *       nothing for T. (Streaming: the station's open tick is {@link
 *       org.asperity.features.StationFeatureState#openTickMicros()}; emit its snapshot before
 *       ingesting a sample of a later tick, or when the watermark passes it, whichever is first.)
 *   <li><b>Per region</b> (key: region). One {@link org.asperity.features.RegionFeatureState} per
 *       region receives the snapshots with {@link org.asperity.features.RegionFeatureState#offer},
 *       in any order and for any tick after the last assembled one (they are buffered per tick and
 *       stored by layout index, so arrival order cannot matter; duplicates, unknown stations and
 *       late ticks are rejected with {@code IllegalArgumentException}). When the watermark passes
 *       T, {@link org.asperity.features.RegionFeatureState#assemble}(T) returns the {@link
 *       org.asperity.features.FeatureVector} and advances the region state. Ticks must be assembled
 *       in increasing order. A tick with no snapshot at all is a pure query (stations used 0, state
 *       unchanged), so the caller may call assemble for it or skip it: both give identical results
 *       afterwards. The pipeline, like an event-time timer registered per snapshot tick, emits only
 *       ticks with at least one snapshot.
 *   <li><b>Missing stations</b> at a tick are explicit: the vector lists them ({@link
 *       org.asperity.features.FeatureVector#missingStations()}), counts them ({@link
 *       org.asperity.features.FeatureVector#imputedStations()}) and the features {@code
 *       quality.stationsUsed.count} and {@code quality.imputed.fraction} carry it to the model.
 *       Group aggregates use fresh stations only; the slip-deficit inversion imputes a missing
 *       station with its last known interseismic position (0, its first observation, if never
 *       seen).
 *   <li><b>State.</b> Both states serialize to a compact binary form with a leading format-version
 *       byte ({@code writeTo(DataOutput)} / {@code readFrom(DataInput, ...)}), checked against the
 *       configuration fingerprint (and the layout hash); a restored state continues
 *       bit-identically. {@code toBytes()} equality is state equality. A station state can also be
 *       stored apart, as a head without its retained samples ({@code writeHeadTo}) and blocks of 64
 *       samples ({@code writeRingBlock}), with the blocks a sample changed tracked, so a key-value
 *       store rewrites about 2 KiB per sample instead of the whole state; head and blocks read back
 *       give the same bits.
 * </ol>
 *
 * <h2>Per-station series</h2>
 *
 * {@link org.asperity.features.StationFeatureState} rotates east/north to trench-normal (landward
 * positive) and trench-parallel, screens outliers and detects offsets against a running prediction
 * (outliers are replaced by the prediction; a step is confirmed by the next sample and removed from
 * everything after it), and keeps the offset-corrected series in {@link
 * org.asperity.features.rolling.RollingWindows}: compensated subtract-on-evict sums for
 * least-squares rates and detrended variance, increment moments for skewness and kurtosis,
 * two-stacks minimum/maximum for the range, all O(1) amortised per sample. Times are int seconds
 * and values {@code float}s from an origin at the station's first sample that moves by whole
 * seconds and whole metres when a time would leave the int range (after 68 years, then about every
 * 126 years of daily samples; {@link org.asperity.features.rolling.RollingWindows#rebaseToFit}), so
 * records of any length (the trainer's 10,000 simulated years, the demo's year per second, decades
 * of real stations) keep the same resolution; the region's deficit series does the same. The moves
 * depend on the data only, so offline, streaming and restored runs stay bit-identical. See {@link
 * org.asperity.features.StationStatistic} and {@link org.asperity.features.FeatureSchema}. With the
 * default windows a station state holds about 74 KB of heap (2,600 stations: about 185 MiB) and
 * serializes to about 60 KB.
 *
 * <p>Unknown values are NaN throughout (too few samples in a window, no release or event seen in
 * the stream yet); XGBoost treats NaN as missing. Nothing here reads the wall clock or an unseeded
 * random source; all arithmetic is in a fixed order, so results are reproducible bit for bit.
 */
package org.asperity.features;

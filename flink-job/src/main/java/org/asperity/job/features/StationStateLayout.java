package org.asperity.job.features;

/**
 * How the station operator keeps a station's state in Flink's keyed state. A checkpoint of one
 * layout cannot be restored into the other (the serializer's snapshot records it).
 */
public enum StationStateLayout {
  /**
   * One value holding the whole state: right for the heap backend, which keeps the object itself,
   * so an update serializes nothing.
   */
  WHOLE,

  /**
   * A value holding the state without its retained samples (the head, about 1.3 KiB with the
   * default windows) and the samples in blocks of 64 in map state ({@code station-samples}): right
   * for RocksDB, which serializes every write and whose incremental checkpoints carry every byte
   * written. A daily sample then writes the head and one 1 KiB block instead of the 58 KiB state.
   */
  BLOCKS
}

package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfigurationTest {
  @TempDir Path dir;

  @Test
  void flinkReadsTheWrittenConfigurationAsMeant() throws IOException {
    ClusterSettings settings = ClusterSettings.defaults(dir);
    FlinkConfiguration.write(settings);

    Configuration conf = FlinkConfiguration.load(settings);

    assertEquals(
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
        conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
    assertEquals(
        dir.resolve("checkpoints").toUri().toString(),
        conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    assertEquals(8081, conf.get(RestOptions.PORT));
    assertEquals(6123, conf.get(JobManagerOptions.PORT));
    // Flink's memory model accepts the sizes, and leaves the tasks a useful heap.
    TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
    assertTrue(
        tm.getTaskHeapSize().compareTo(MemorySize.parse("400m")) > 0,
        tm.getTaskHeapSize().toString());
    assertEquals(MemorySize.ZERO, tm.getManagedMemorySize());
    assertTrue(
        JobManagerProcessUtils.processSpecFromConfig(conf).getJvmHeapMemorySize().getMebiBytes()
            > 256);
    assertEquals("hashmap", conf.get(StateBackendOptions.STATE_BACKEND));
  }

  @Test
  void withRocksDbTheTaskManagersHaveManagedMemoryAndStillAUsefulHeap() throws IOException {
    ClusterSettings settings = ClusterSettings.defaults(dir).withStateBackend("rocksdb");
    FlinkConfiguration.write(settings);

    Configuration conf = FlinkConfiguration.load(settings);

    assertEquals("rocksdb", conf.get(StateBackendOptions.STATE_BACKEND));
    TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
    assertEquals(
        MemorySize.parse(ClusterSettings.ROCKSDB_MANAGED_MEMORY), tm.getManagedMemorySize());
    // ONNX Runtime's inputs, Kafka clients and one station's state at a time stay on the heap.
    assertTrue(
        tm.getTaskHeapSize().compareTo(MemorySize.parse("200m")) > 0,
        tm.getTaskHeapSize().toString());
  }

  @Test
  void anUnknownStateBackendIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClusterSettings.defaults(dir).withStateBackend("memory"));
    assertEquals("unknown state backend 'memory': hashmap or rocksdb", e.getMessage());
  }
}

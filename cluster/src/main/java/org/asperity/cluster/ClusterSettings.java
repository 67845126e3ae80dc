package org.asperity.cluster;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link LocalCluster} starts: one JobManager, {@code taskManagers} TaskManagers of {@code
 * slotsPerTaskManager} slots, and a Kafka broker, every one a JVM of its own, their files under
 * {@code dataDirectory}.
 *
 * @param dataDirectory the broker's data, the checkpoints, the Flink configuration and the logs
 * @param restPort the Flink REST API and web UI
 * @param rpcPort the JobManager's RPC endpoint, where TaskManagers register
 * @param kafkaPort the broker's client listener; its controller listens on the next port up
 * @param taskManagerMemory {@code taskmanager.memory.process.size}, e.g. {@code 1280m}
 * @param jobManagerMemory {@code jobmanager.memory.process.size}
 * @param stateBackend the job's {@code state.backend.type}, {@code hashmap} or {@code rocksdb}:
 *     RocksDB needs managed memory, the heap backend none (its state is on the task heap)
 */
public record ClusterSettings(
    Path dataDirectory,
    int taskManagers,
    int slotsPerTaskManager,
    int restPort,
    int rpcPort,
    int kafkaPort,
    String taskManagerMemory,
    String jobManagerMemory,
    String stateBackend) {
  public static final int DEFAULT_TASK_MANAGERS = 2;
  public static final int DEFAULT_SLOTS_PER_TASK_MANAGER = 2;
  public static final int DEFAULT_REST_PORT = 8081;
  public static final int DEFAULT_RPC_PORT = 6123;
  public static final int DEFAULT_KAFKA_PORT = 9092;

  /**
   * Enough task heap (~490 MiB) for the job's feature windows and ONNX Runtime at parallelism 2.
   */
  public static final String DEFAULT_TASK_MANAGER_MEMORY = "1280m";

  public static final String DEFAULT_JOB_MANAGER_MEMORY = "1024m";

  /** Flink's {@code state.backend.type} names of the backends the cluster sizes memory for. */
  public static final String HASHMAP = "hashmap";

  public static final String ROCKSDB = "rocksdb";

  /**
   * Each TaskManager's managed memory with RocksDB: its block cache and write buffers, shared by
   * the TaskManager's slots (Flink's default fraction, 0.4, would leave too little task heap in the
   * default process size).
   */
  public static final String ROCKSDB_MANAGED_MEMORY = "256m";

  /** The settings of a cluster whose job keeps its state on the heap. */
  public ClusterSettings(
      Path dataDirectory,
      int taskManagers,
      int slotsPerTaskManager,
      int restPort,
      int rpcPort,
      int kafkaPort,
      String taskManagerMemory,
      String jobManagerMemory) {
    this(
        dataDirectory,
        taskManagers,
        slotsPerTaskManager,
        restPort,
        rpcPort,
        kafkaPort,
        taskManagerMemory,
        jobManagerMemory,
        HASHMAP);
  }

  public ClusterSettings {
    Objects.requireNonNull(dataDirectory, "a data directory is required");
    if (taskManagers < 1 || slotsPerTaskManager < 1) {
      throw new IllegalArgumentException("a cluster needs at least one TaskManager with a slot");
    }
    for (int port : new int[] {restPort, rpcPort, kafkaPort}) {
      if (port < 1 || port > 65534) {
        throw new IllegalArgumentException("ports are 1..65534: " + port);
      }
    }
    if (!HASHMAP.equals(stateBackend) && !ROCKSDB.equals(stateBackend)) {
      throw new IllegalArgumentException(
          "unknown state backend '" + stateBackend + "': hashmap or rocksdb");
    }
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
  }

  /** These settings for a job whose state backend is {@code value}. */
  public ClusterSettings withStateBackend(String value) {
    return new ClusterSettings(
        dataDirectory,
        taskManagers,
        slotsPerTaskManager,
        restPort,
        rpcPort,
        kafkaPort,
        taskManagerMemory,
        jobManagerMemory,
        value);
  }

  /**
   * Each TaskManager's JVM heap ({@code -Xmx}: task and framework heap), as Flink sizes it from
   * these settings.
   */
  public long taskManagerHeapBytes() {
    org.apache.flink.configuration.Configuration conf =
        org.apache.flink.configuration.Configuration.fromMap(FlinkConfiguration.entries(this));
    return org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils.processSpecFromConfig(
            conf)
        .getJvmHeapMemorySize()
        .getBytes();
  }

  /** Each TaskManager's {@code taskmanager.memory.managed.size}. */
  public String managedMemory() {
    return ROCKSDB.equals(stateBackend) ? ROCKSDB_MANAGED_MEMORY : "0m";
  }

  /** The defaults above, with the data under {@code dataDirectory}. */
  public static ClusterSettings defaults(Path dataDirectory) {
    return new ClusterSettings(
        dataDirectory,
        DEFAULT_TASK_MANAGERS,
        DEFAULT_SLOTS_PER_TASK_MANAGER,
        DEFAULT_REST_PORT,
        DEFAULT_RPC_PORT,
        DEFAULT_KAFKA_PORT,
        DEFAULT_TASK_MANAGER_MEMORY,
        DEFAULT_JOB_MANAGER_MEMORY);
  }

  public Path checkpointDirectory() {
    return dataDirectory.resolve("checkpoints");
  }

  public Path kafkaDirectory() {
    return dataDirectory.resolve("kafka");
  }

  public Path flinkConfigurationDirectory() {
    return dataDirectory.resolve("flink-conf");
  }

  public Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }
}

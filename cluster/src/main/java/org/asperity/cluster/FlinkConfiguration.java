package org.asperity.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;

/**
 * The cluster's {@code config.yaml}, as a Flink distribution's {@code conf/} would hold it: every
 * key from Flink's own option constants, so a renamed option fails the build rather than being
 * ignored.
 */
final class FlinkConfiguration {
  /**
   * A killed TaskManager is declared lost after this long without heartbeats (Flink's default, 50
   * s, would stall the job that long on a single machine where a dead process is certain).
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(8);

  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  private FlinkConfiguration() {}

  static Map<String, String> entries(ClusterSettings settings) {
    Map<String, String> c = new TreeMap<>();
    c.put(JobManagerOptions.ADDRESS.key(), "127.0.0.1");
    c.put(JobManagerOptions.BIND_HOST.key(), "127.0.0.1");
    c.put(JobManagerOptions.PORT.key(), Integer.toString(settings.rpcPort()));
    c.put(JobManagerOptions.TOTAL_PROCESS_MEMORY.key(), settings.jobManagerMemory());
    c.put(RestOptions.ADDRESS.key(), "127.0.0.1");
    c.put(RestOptions.BIND_ADDRESS.key(), "127.0.0.1");
    c.put(RestOptions.PORT.key(), Integer.toString(settings.restPort()));
    c.put(TaskManagerOptions.HOST.key(), "127.0.0.1");
    c.put(TaskManagerOptions.BIND_HOST.key(), "127.0.0.1");
    c.put(
        TaskManagerOptions.NUM_TASK_SLOTS.key(), Integer.toString(settings.slotsPerTaskManager()));
    c.put(TaskManagerOptions.TOTAL_PROCESS_MEMORY.key(), settings.taskManagerMemory());
    // The hashmap backend needs no managed memory (all of it goes to the task heap); RocksDB keeps
    // its caches there. The job sets its backend itself; the cluster's default is the same.
    c.put(TaskManagerOptions.MANAGED_MEMORY_SIZE.key(), settings.managedMemory());
    c.put(StateBackendOptions.STATE_BACKEND.key(), settings.stateBackend());
    c.put(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
        settings.checkpointDirectory().toUri().toString());
    c.put(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION.name());
    // Restart for as long as it takes (a broker coming back, a TaskManager restarted), backing off.
    c.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "exponential-delay");
    c.put(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF.key(), "500 ms");
    c.put(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF.key(), "5 s");
    c.put(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS.key(),
        Integer.toString(Integer.MAX_VALUE));
    c.put(HeartbeatManagerOptions.HEARTBEAT_INTERVAL.key(), HEARTBEAT_INTERVAL.toMillis() + " ms");
    c.put(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT.key(), HEARTBEAT_TIMEOUT.toMillis() + " ms");
    // Every JVM of the cluster runs the launcher's class path, which holds the job's classes: one
    // copy of each, ONNX Runtime's native library among them, however often the job is submitted.
    c.put(CoreOptions.CLASSLOADER_RESOLVE_ORDER.key(), "parent-first");
    // The job's main runs inside the JobManager on submission: a System.exit there must not end it.
    c.put(
        ClusterOptions.INTERCEPT_USER_SYSTEM_EXIT.key(),
        ClusterOptions.UserSystemExitMode.THROW.name());
    // The web UI and REST read TaskManager metrics (heap among them) from the JobManager's cache:
    // refreshed every second, not Flink's 10, so a peak is seen on a machine with a few processes.
    c.put(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL.key(), "1 s");
    c.put(WebOptions.UPLOAD_DIR.key(), settings.dataDirectory().resolve("jars").toString());
    c.put(CoreOptions.TMP_DIRS.key(), settings.dataDirectory().resolve("tmp").toString());
    return c;
  }

  /**
   * Writes {@code config.yaml} into the settings' configuration directory; returns that directory.
   */
  static Path write(ClusterSettings settings) throws IOException {
    Path dir = Files.createDirectories(settings.flinkConfigurationDirectory());
    StringBuilder yaml =
        new StringBuilder(
            "# Written by ./asperity cluster at every start: edits are overwritten.\n");
    entries(settings).forEach((k, v) -> yaml.append(k).append(": ").append(quoted(v)).append('\n'));
    Files.writeString(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml);
    Files.createDirectories(settings.dataDirectory().resolve("jars"));
    Files.createDirectories(settings.dataDirectory().resolve("tmp"));
    return dir;
  }

  /** The configuration the cluster's processes read, as Flink loads it. */
  static Configuration load(ClusterSettings settings) {
    return GlobalConfiguration.loadConfiguration(settings.flinkConfigurationDirectory().toString());
  }

  static MemorySize parse(String size) {
    return MemorySize.parse(size);
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}

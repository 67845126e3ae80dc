package org.asperity.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster and a Kafka broker on this machine, each process a JVM of its
 * own, started with this JVM's java and class path: one JobManager ({@link
 * StandaloneSessionClusterEntrypoint}), TaskManagers ({@link TaskManagerRunner}) and the broker
 * ({@link BrokerMain}), configured as a Flink distribution's scripts would ({@code config.yaml} in
 * the data directory, the JVM memory flags from Flink's own memory model).
 *
 * <p>A process that dies while the cluster runs (killed, crashed) is started again, on the same
 * ports and data: the JobManager restarts empty (a session cluster without high availability keeps
 * no jobs), which {@link #onRestart} listeners handle by resubmitting. {@link #close()} stops every
 * process; if this JVM dies without closing, every child exits by itself ({@link ParentWatch}).
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  public static final String BROKER = "broker";
  public static final String JOB_MANAGER = "jobmanager";

  /** Startup of one process (a JVM loading Flink or Kafka on a busy two-core machine). */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** A process that died is started again this often at most before the cluster gives it up. */
  private static final int RESTART_ATTEMPTS = 8;

  private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(15);

  /** What a TaskManager logs once the ResourceManager has accepted it (TaskExecutor, Flink 2.2). */
  static final String TASK_MANAGER_REGISTERED = "Successful registration at resource manager";

  private final ClusterSettings settings;
  private final FlinkRest rest;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final List<Consumer<String>> restartListeners = new CopyOnWriteArrayList<>();
  private final FileChannel lockChannel;
  private final FileLock lock;
  private volatile boolean closing;

  private LocalCluster(ClusterSettings settings, FileChannel lockChannel, FileLock lock) {
    this.settings = settings;
    this.rest = new FlinkRest(settings.restUrl());
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Starts the broker, the JobManager and the TaskManagers, and returns once the broker serves
   * clients and every TaskManager has registered.
   *
   * @throws ClusterException a port is taken or another cluster uses the data directory
   */
  public static LocalCluster start(ClusterSettings settings) throws IOException {
    Files.createDirectories(settings.dataDirectory());
    FileChannel channel =
        FileChannel.open(
            settings.dataDirectory().resolve(".lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new ClusterException(
          "another cluster runs on the data directory "
              + settings.dataDirectory()
              + ": stop it, or choose another --data-dir");
    }
    LocalCluster cluster = new LocalCluster(settings, channel, lock);
    try {
      requireFree(settings.restPort(), "the Flink REST API and web UI", "--flink-port");
      requireFree(settings.rpcPort(), "the Flink JobManager's RPC", "--flink-rpc-port");
      requireFree(settings.kafkaPort(), "Kafka", "--kafka-port");
      requireFree(
          settings.kafkaPort() + 1, "the Kafka controller (Kafka port + 1)", "--kafka-port");
      cluster.startAll();
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll() throws IOException {
    Files.createDirectories(settings.kafkaDirectory());
    Files.createDirectories(settings.checkpointDirectory());
    Path confDir = FlinkConfiguration.write(settings);
    Path log4j = writeLog4jConfiguration(confDir);
    Configuration conf = FlinkConfiguration.load(settings);

    List<String> logging = List.of("-Dlog4j2.configurationFile=" + log4j.toUri());
    add(
        new Member(
            BROKER,
            BrokerMain.class.getName(),
            concat(List.of("-Xmx512m"), logging),
            List.of(settings.kafkaDirectory().toString(), Integer.toString(settings.kafkaPort())),
            m -> m.logContains(BrokerMain.READY)));

    JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(conf);
    List<String> jmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
    jmArgs.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(jm)));
    add(
        new Member(
            JOB_MANAGER,
            StandaloneSessionClusterEntrypoint.class.getName(),
            concat(
                words(JobManagerProcessUtils.generateJvmParametersStr(jm, conf)),
                logging,
                List.of("-Dlog.file=" + log(JOB_MANAGER))),
            jmArgs,
            m -> rest.answers()));

    TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(conf);
    for (int i = 1; i <= settings.taskManagers(); i++) {
      String name = taskManager(i);
      List<String> tmArgs = new ArrayList<>(List.of("--configDir", confDir.toString()));
      tmArgs.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(tm)));
      tmArgs.addAll(List.of("-D", TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + name));
      add(
          new Member(
              name,
              TaskManagerRunner.class.getName(),
              concat(
                  words(ProcessMemoryUtils.generateJvmParametersStr(tm)),
                  logging,
                  List.of("-Dlog.file=" + log(name))),
              tmArgs,
              // Its own log, not only the REST list: a TaskManager started again after a kill is
              // listed under its old registration until the JobManager declares that one lost.
              m -> m.logContains(TASK_MANAGER_REGISTERED) && rest.taskManagerIds().contains(name)));
    }
    for (Member m : members.values()) {
      m.launch();
    }
    for (Member m : members.values()) {
      m.awaitReady();
    }
  }

  /** The name of the {@code i}th TaskManager (from 1): its process and Flink resource id. */
  public static String taskManager(int i) {
    return "taskmanager-" + i;
  }

  public ClusterSettings settings() {
    return settings;
  }

  public FlinkRest rest() {
    return rest;
  }

  public String bootstrapServers() {
    return settings.bootstrapServers();
  }

  /** Called with a process's name after it died and was started again (and is ready). */
  public void onRestart(Consumer<String> listener) {
    restartListeners.add(listener);
  }

  /** Process ids by process name. */
  public Map<String, Long> pids() {
    Map<String, Long> out = new LinkedHashMap<>();
    members.forEach((name, m) -> out.put(name, m.pid()));
    return out;
  }

  /** Sends SIGKILL to the named process (the cluster then starts it again). */
  public void kill(String name) {
    Member m = members.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no process " + name + " in " + members.keySet());
    }
    m.process().destroyForcibly();
  }

  /** Waits until the named process has been restarted {@code times} times and is ready. */
  public void awaitRestarts(String name, int times, Duration timeout) throws InterruptedException {
    Member m = members.get(name);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (m.readyRestarts < times) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not restarted within " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** The log file of the named process. */
  public Path log(String name) {
    return settings.logDirectory().resolve(name + ".log");
  }

  /** Stops every process (SIGTERM, then SIGKILL after a grace period) and releases the lock. */
  @Override
  public void close() {
    closing = true;
    List<Member> reversed = new ArrayList<>(members.values());
    java.util.Collections.reverse(reversed);
    for (Member m : reversed) {
      m.stop();
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      LOG.warn("could not release the lock of {}: {}", settings.dataDirectory(), e.getMessage());
    }
  }

  private void add(Member member) {
    members.put(member.name, member);
  }

  private Path writeLog4jConfiguration(Path confDir) throws IOException {
    Path file = confDir.resolve("log4j2-cluster.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# Written by ./asperity cluster: each process logs to data-dir/logs/NAME.log.",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1}: %m%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = out",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            "logger.kafkaserver.name = kafka",
            "logger.kafkaserver.level = WARN",
            ""));
    return file;
  }

  private static void requireFree(int port, String what, String flag) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new ClusterException(
          "port "
              + port
              + " ("
              + what
              + ") is already taken: free it, or choose another with "
              + flag);
    }
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> l : lists) {
      out.addAll(l);
    }
    return out;
  }

  /** One process of the cluster, started again when it dies unasked. */
  private final class Member {
    final String name;
    final String mainClass;
    final List<String> jvmOptions;
    final List<String> arguments;
    final Predicate<Member> ready;
    volatile Process process;
    volatile long logStart;
    volatile int readyRestarts;
    volatile boolean wasReady;
    volatile boolean restarting;

    Member(
        String name,
        String mainClass,
        List<String> jvmOptions,
        List<String> arguments,
        Predicate<Member> ready) {
      this.name = name;
      this.mainClass = mainClass;
      this.jvmOptions = jvmOptions;
      this.arguments = arguments;
      this.ready = ready;
    }

    Process process() {
      return process;
    }

    long pid() {
      return process.pid();
    }

    /** Whether this start of the process has logged {@code text}. */
    boolean logContains(String text) {
      try {
        byte[] all = Files.readAllBytes(log(name));
        int from = (int) Math.min(logStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.ISO_8859_1).contains(text);
      } catch (IOException e) {
        return false;
      }
    }

    void launch() throws IOException {
      logStart = Files.exists(log(name)) ? Files.size(log(name)) : 0;
      Process p = ChildJvm.start(mainClass, jvmOptions, arguments, log(name));
      process = p;
      p.onExit().thenRun(() -> exited(p));
    }

    void exited(Process p) {
      if (closing || p != process || !wasReady || restarting) {
        return; // stopped on purpose, failed at its first start (reported there), or a failed
        // attempt of a restart in progress (which tries again itself)
      }
      restarting = true;
      LOG.warn(
          "{} (pid {}) exited with status {}; starting it again", name, p.pid(), p.exitValue());
      Thread restart = new Thread(this::restart, "restart-" + name);
      restart.setDaemon(true);
      restart.start();
    }

    /**
     * Starts the process again until it is ready, backing off between attempts: a port the dead
     * process held may be taken for a moment, a machine under load may be slow to start a JVM.
     */
    private void restart() {
      long backoffMillis = RESTART_BACKOFF.toMillis();
      try {
        for (int attempt = 1; !closing; attempt++) {
          try {
            launch();
            awaitReady();
            readyRestarts++;
            LOG.info("{} is back (pid {})", name, process.pid());
            // Back: if it dies again while the listeners run (a resubmission takes a while), it
            // is restarted again.
            restarting = false;
            restartListeners.forEach(l -> l.accept(name));
            return;
          } catch (IOException | RuntimeException e) {
            if (closing) {
              return;
            }
            Process failed = process;
            if (failed != null) {
              failed.destroyForcibly();
            }
            if (attempt == RESTART_ATTEMPTS) {
              LOG.error(
                  "could not start {} again in {} attempts, the cluster runs without it: {}",
                  name,
                  attempt,
                  e.getMessage());
              return;
            }
            LOG.warn(
                "could not start {} again ({}); attempt {} of {} in {} ms",
                name,
                e.getMessage(),
                attempt + 1,
                RESTART_ATTEMPTS,
                backoffMillis);
            TimeUnit.MILLISECONDS.sleep(backoffMillis);
            backoffMillis = Math.min(2 * backoffMillis, MAX_RESTART_BACKOFF.toMillis());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        restarting = false;
      }
    }

    void awaitReady() {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      Process p = process;
      while (!ready.test(this)) {
        if (closing) {
          throw new IllegalStateException("the cluster is closing");
        }
        if (!p.isAlive() && p == process) {
          throw new ClusterException(
              name + " exited at start (status " + p.exitValue() + "): see " + log(name));
        }
        if (System.nanoTime() > deadline) {
          throw new ClusterException(
              name + " was not ready within " + START_TIMEOUT.toSeconds() + " s: see " + log(name));
        }
        try {
          TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting " + name, e);
        }
      }
      wasReady = true;
    }

    void stop() {
      Process p = process;
      if (p == null || !p.isAlive()) {
        return;
      }
      p.destroy();
      try {
        if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          LOG.warn("{} did not stop within {} s: killing it", name, STOP_TIMEOUT.toSeconds());
          p.destroyForcibly();
          p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}

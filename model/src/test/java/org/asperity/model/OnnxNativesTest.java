package org.asperity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxNativesTest {

  private static final String PLATFORM = OnnxNatives.platform().orElse("unsupported");
  private static final String CORE = System.mapLibraryName("onnxruntime");
  private static final String JNI = System.mapLibraryName("onnxruntime4j_jni");

  @Test
  void extractsOnceAndReusesTheDirectory(@TempDir Path cache) throws Exception {
    assumeSupportedPlatform();
    Path first = OnnxNatives.extract(cache, PLATFORM);
    FileTime written = Files.getLastModifiedTime(first.resolve(CORE));

    Path second = OnnxNatives.extract(cache, PLATFORM);

    assertEquals(first, second);
    assertEquals(written, Files.getLastModifiedTime(second.resolve(CORE)));
    assertTrue(
        first
            .getFileName()
            .toString()
            .startsWith(
                ai.onnxruntime.OrtException.class.getPackage().getImplementationVersion() + "-"),
        first.toString());
    assertTrue(first.getFileName().toString().endsWith("-" + PLATFORM), first.toString());
    assertTrue(Files.size(first.resolve(CORE)) > 1_000_000);
    assertTrue(Files.size(first.resolve(JNI)) > 10_000);
    assertEquals(List.of(first), entries(cache.resolve("onnxruntime")));
  }

  @Test
  void racingExtractionsAgreeAndLeaveNoTemporaries(@TempDir Path cache) throws Exception {
    assumeSupportedPlatform();
    int racers = 4;
    CyclicBarrier start = new CyclicBarrier(racers);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Callable<Path> racer =
            () -> {
              start.await();
              return OnnxNatives.extract(cache, PLATFORM);
            };
        results.add(pool.submit(racer));
      }
      Set<Path> chosen = new HashSet<>();
      for (Future<Path> result : results) {
        chosen.add(result.get());
      }
      assertEquals(1, chosen.size());
      Path directory = chosen.iterator().next();
      assertEquals(List.of(directory), entries(cache.resolve("onnxruntime")));
      assertEquals(Set.of(CORE, JNI), names(directory));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingJvmsAgree(@TempDir Path cache) throws Exception {
    assumeSupportedPlatform();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> jvms = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      jvms.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  NativesExtraction.class.getName(),
                  cache.toString(),
                  PLATFORM)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start());
    }
    Set<String> chosen = new HashSet<>();
    for (Process jvm : jvms) {
      String printed = new String(jvm.getInputStream().readAllBytes()).strip();
      assertEquals(0, jvm.waitFor(), "child JVM failed");
      chosen.add(printed);
    }
    assertEquals(1, chosen.size(), chosen.toString());
    Path directory = Path.of(chosen.iterator().next());
    assertEquals(List.of(directory), entries(cache.resolve("onnxruntime")));
    assertEquals(Set.of(CORE, JNI), names(directory));
  }

  @Test
  void replacesADamagedDirectory(@TempDir Path cache) throws Exception {
    assumeSupportedPlatform();
    Path directory = OnnxNatives.extract(cache, PLATFORM);
    long size = Files.size(directory.resolve(CORE));
    Files.write(directory.resolve(CORE), new byte[100]);

    Path repaired = OnnxNatives.extract(cache, PLATFORM);

    assertEquals(directory, repaired);
    assertEquals(size, Files.size(repaired.resolve(CORE)));
    assertEquals(List.of(repaired), entries(cache.resolve("onnxruntime")));
  }

  @Test
  void removesExtractionsAbandonedByADeadJvm(@TempDir Path cache) throws Exception {
    assumeSupportedPlatform();
    Path parent = Files.createDirectories(cache.resolve("onnxruntime"));
    Path abandoned = Files.createDirectory(parent.resolve(".extract-123"));
    Files.write(abandoned.resolve(CORE), new byte[10]);
    Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    Path recent = Files.createDirectory(parent.resolve(".extract-456"));

    Path directory = OnnxNatives.extract(cache, PLATFORM);

    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(recent), "a younger extraction may belong to a live JVM");
    assertNotEquals(recent, directory);
  }

  @Test
  void theRuntimeLoadsItsLibraryFromTheCache() throws Exception {
    assumeSupportedPlatform();
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "needs Linux /proc to see which library is mapped");
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()))) {
      assertEquals(
          TestModels.LEFT.length, forecaster.score(new float[forecaster.featureCount()], 1).length);
      Path directory = Path.of(System.getProperty(OnnxNatives.ORT_NATIVE_PATH_PROPERTY));
      assertTrue(directory.startsWith(OnnxNatives.cacheRoot()), directory.toString());

      String mapped = Files.readString(maps);
      assertTrue(
          mapped.contains(directory.resolve(CORE).toRealPath().toString()),
          "libonnxruntime not mapped from " + directory);
      assertFalse(
          mapped.contains("/onnxruntime-java"), "a copy under /tmp/onnxruntime-java* is mapped");
    }
  }

  private static void assumeSupportedPlatform() {
    assumeTrue(
        OnnxNatives.platform().isPresent(), "ONNX Runtime ships no natives for this platform");
  }

  private static List<Path> entries(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return list.toList();
    }
  }

  private static Set<String> names(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return new HashSet<>(list.map(p -> p.getFileName().toString()).toList());
    }
  }
}

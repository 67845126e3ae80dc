package org.asperity.model;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes ONNX Runtime load its native libraries from a per-user cache instead of extracting 28 MB
 * into a fresh {@code /tmp/onnxruntime-java*} on every JVM start and never deleting it. The
 * libraries are copied out of the onnxruntime jar once, into {@code
 * <cache>/onnxruntime/<version>-<build>-<platform>/}, where {@code <cache>} is the system property
 * {@value #CACHE_PROPERTY} if set, else {@code ~/.cache/asperity}; {@code <build>} fingerprints the
 * jar's JNI library so two builds of one version never share a directory. The copy is written into
 * a temporary sibling and renamed into place, so JVMs racing on an empty cache each see either
 * nothing or a complete directory.
 *
 * <p>{@link #install()} must run before ONNX Runtime is first used in the JVM (it reads {@code
 * onnxruntime.native.path} once); {@link OnnxForecaster} calls it.
 */
public final class OnnxNatives {

  public static final String CACHE_PROPERTY = "asperity.cache";
  static final String ORT_NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

  private static final Logger LOG = LoggerFactory.getLogger(OnnxNatives.class);
  private static final String RESOURCE_ROOT = "/ai/onnxruntime/native/";
  private static final String CORE_LIBRARY = "onnxruntime";
  private static final String JNI_LIBRARY = "onnxruntime4j_jni";

  /** Only some platforms ship it (Windows); copied when present. */
  private static final String SHARED_PROVIDERS_LIBRARY = "onnxruntime_providers_shared";

  private static final String EXTRACT_PREFIX = ".extract-";
  private static final String DAMAGED_PREFIX = ".damaged-";

  /** Extractions older than this are from a JVM that died mid-copy. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  private static Path installed;

  private OnnxNatives() {}

  /**
   * Points {@code onnxruntime.native.path} at the cached natives, extracting them first if needed.
   * Idempotent. Leaves an explicitly set {@code onnxruntime.native.path} alone, and leaves ONNX
   * Runtime's own loading in place on a platform the jar has no natives for.
   *
   * @return the directory ONNX Runtime will load from, if this class chose it
   */
  public static synchronized Optional<Path> install() throws IOException {
    if (installed != null) {
      return Optional.of(installed);
    }
    if (System.getProperty(ORT_NATIVE_PATH_PROPERTY) != null) {
      return Optional.empty();
    }
    Optional<String> platform = platform();
    if (platform.isEmpty() || !hasCoreAndJni(libraries(platform.get()))) {
      LOG.warn(
          "No ONNX Runtime natives for {} {} in the jar; leaving ONNX Runtime to load its own",
          System.getProperty("os.name"),
          System.getProperty("os.arch"));
      return Optional.empty();
    }
    Path directory = extract(cacheRoot(), platform.get());
    System.setProperty(ORT_NATIVE_PATH_PROPERTY, directory.toString());
    installed = directory;
    return Optional.of(directory);
  }

  /** {@value #CACHE_PROPERTY} if set, else {@code ~/.cache/asperity}. */
  public static Path cacheRoot() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "asperity");
  }

  /** ONNX Runtime's name for this OS and CPU ("linux-x64", "osx-aarch64", ...), if it has one. */
  static Optional<String> platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName =
        os.contains("linux")
            ? "linux"
            : os.contains("mac") || os.contains("darwin")
                ? "osx"
                : os.contains("win") ? "win" : null;
    String archName =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x64"
            : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
    return osName == null || archName == null
        ? Optional.empty()
        : Optional.of(osName + "-" + archName);
  }

  /**
   * Returns the complete cache directory for this jar's natives under {@code cacheRoot}, creating
   * it if absent or damaged. Safe to call concurrently from several threads or JVMs.
   */
  static Path extract(Path cacheRoot, String platform) throws IOException {
    List<Library> libraries = libraries(platform);
    Path parent = cacheRoot.resolve("onnxruntime");
    Path target = parent.resolve(version() + "-" + buildFingerprint(libraries) + "-" + platform);
    if (isComplete(target, libraries)) {
      return target;
    }
    Files.createDirectories(parent);
    removeAbandoned(parent);
    // Look again: another JVM may have renamed a complete copy into place meanwhile. A
    // directory only appears by that rename, so one still incomplete was damaged later.
    if (isComplete(target, libraries)) {
      return target;
    }
    if (Files.exists(target)) {
      moveAsideAndDelete(parent, target);
    }
    Path temporary = Files.createTempDirectory(parent, EXTRACT_PREFIX);
    try {
      for (Library library : libraries) {
        try (InputStream in = library.source().openStream()) {
          Files.copy(in, temporary.resolve(library.fileName()));
        }
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Extracted the ONNX Runtime natives to {}", target);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("Cannot rename atomically within " + parent, e);
      } catch (FileSystemException e) {
        // Another thread or JVM renamed its copy into place first; use that one.
        if (!isComplete(target, libraries)) {
          throw new IOException("Could not install the ONNX Runtime natives into " + target, e);
        }
      }
    } finally {
      deleteRecursively(temporary);
    }
    return target;
  }

  /** A native library in the jar: its file name and where to read it. */
  private record Library(String fileName, URL source) {}

  /** The ONNX Runtime libraries the jar holds for this platform. */
  private static List<Library> libraries(String platform) {
    List<Library> libraries = new ArrayList<>();
    for (String name : List.of(CORE_LIBRARY, JNI_LIBRARY, SHARED_PROVIDERS_LIBRARY)) {
      String fileName = System.mapLibraryName(name);
      URL source = OrtException.class.getResource(RESOURCE_ROOT + platform + "/" + fileName);
      if (source != null) {
        libraries.add(new Library(fileName, source));
      }
    }
    return libraries;
  }

  private static boolean hasCoreAndJni(List<Library> libraries) {
    List<String> names = libraries.stream().map(Library::fileName).toList();
    return names.contains(System.mapLibraryName(CORE_LIBRARY))
        && names.contains(System.mapLibraryName(JNI_LIBRARY));
  }

  /** Every library present with the size of the jar entry it came from. */
  private static boolean isComplete(Path directory, List<Library> libraries) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    for (Library library : libraries) {
      Path file = directory.resolve(library.fileName());
      if (!Files.isRegularFile(file) || Files.size(file) != entrySize(library.source())) {
        return false;
      }
    }
    return true;
  }

  private static long entrySize(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    connection.setUseCaches(false);
    long size = connection.getContentLengthLong();
    connection.getInputStream().close();
    return size;
  }

  private static String version() {
    String version = OrtException.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  /** First 12 hex digits of the SHA-256 of the (small) JNI library: differs between builds. */
  private static String buildFingerprint(List<Library> libraries) throws IOException {
    String jni = System.mapLibraryName(JNI_LIBRARY);
    URL source =
        libraries.stream()
            .filter(l -> l.fileName().equals(jni))
            .findFirst()
            .orElseThrow(() -> new IOException("The onnxruntime jar has no " + jni))
            .source();
    try (DigestInputStream in =
        new DigestInputStream(source.openStream(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static void moveAsideAndDelete(Path parent, Path damaged) throws IOException {
    Path aside = parent.resolve(DAMAGED_PREFIX + Long.toHexString(System.nanoTime()));
    try {
      Files.move(damaged, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return; // someone else moved it already
    }
    LOG.warn("Replacing the incomplete ONNX Runtime natives in {}", damaged);
    deleteRecursively(aside);
  }

  private static void removeAbandoned(Path parent) throws IOException {
    Instant cutoff = Instant.now().minus(ABANDONED_AFTER);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, EXTRACT_PREFIX + "*")) {
      for (Path entry : entries) {
        try {
          if (Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
            deleteRecursively(entry);
          }
        } catch (NoSuchFileException e) {
          // removed concurrently
        }
      }
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
    }
  }
}

package org.asperity.job.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.job.features.FeatureSpec;
import org.asperity.kafka.Topic;
import org.asperity.model.InvalidModelException;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelMetadata;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.asperity.time.TimeUnits;

/**
 * A model the job can run: an ONNX artifact that passed the contract checks, and the feature
 * pipeline rebuilt from its metadata ({@code asperity.feature_config}: the {@code
 * FeatureConfig.canonicalString()} as a JSON string, or a flat JSON object of the same parameters;
 * {@code asperity.region_layout}: the {@code RegionLayout} JSON), checked to reproduce the model's
 * own feature names, feature hash and layout hash. Whether ONNX Runtime accepts it and scores a
 * probe finitely is checked when a forecaster is opened over it. Serializable as its bytes.
 */
public final class JobModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the job looks for its default model on the class path. */
  public static final String DEFAULT_RESOURCE = "/models/ttf-gbrt.onnx";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] onnx;
  private final FeatureSpec featureSpec;
  private transient ModelArtifact artifact;

  private JobModel(byte[] onnx, ModelArtifact artifact, FeatureSpec featureSpec) {
    this.onnx = onnx;
    this.artifact = artifact;
    this.featureSpec = featureSpec;
  }

  /** Checks ONNX bytes against the contract and rebuilds their feature pipeline. */
  public static JobModel of(byte[] onnx) throws ModelRejection {
    ModelArtifact artifact;
    try {
      artifact = ModelArtifact.parse(onnx);
    } catch (InvalidModelException e) {
      throw new ModelRejection(e.reason().name(), e.getMessage(), e);
    }
    ModelMetadata metadata = artifact.metadata();
    FeatureConfig config;
    RegionLayout layout;
    try {
      config = FeatureConfig.fromCanonicalString(canonicalConfig(metadata.featureConfigJson()));
      layout = RegionLayout.fromJson(metadata.regionLayoutJson());
    } catch (IllegalArgumentException e) {
      throw new ModelRejection(
          InvalidModelException.Reason.INVALID_METADATA.name(),
          "The model's feature configuration or region layout cannot be read: " + e.getMessage(),
          e);
    }
    FeatureSchema schema = FeatureSchema.of(config, layout);
    if (!schema.names().equals(metadata.featureNames())
        || !schema.hash().equals(metadata.featureHash())) {
      throw new ModelRejection(
          ModelRejection.INCONSISTENT_METADATA,
          "The model's feature configuration and"
              + " layout give "
              + schema.size()
              + " features with hash "
              + schema.hash()
              + ", but it declares "
              + metadata.featureCount()
              + " features with hash "
              + metadata.featureHash()
              + ".");
    }
    if (!layout.layoutHash().equals(metadata.layoutHash())) {
      throw new ModelRejection(
          ModelRejection.INCONSISTENT_METADATA,
          "The model's region layout hashes to "
              + layout.layoutHash()
              + ", but it declares "
              + metadata.layoutHash()
              + ".");
    }
    double tickSeconds = config.tickIntervalMicros() / (double) TimeUnits.MICROS_PER_SECOND;
    if (Math.abs(tickSeconds - metadata.tickIntervalSeconds()) > 1e-9 * tickSeconds) {
      throw new ModelRejection(
          ModelRejection.INCONSISTENT_METADATA,
          "The model's tick interval is "
              + metadata.tickIntervalSeconds()
              + " s but its feature configuration ticks every "
              + config.tickIntervalMicros()
              + " µs.");
    }
    return new JobModel(onnx.clone(), artifact, new FeatureSpec(config, layout));
  }

  /**
   * The metadata {@link #of} rebuilds the feature pipeline of {@code config} on {@code layout} from
   * (feature names and hash, layout and its hash, tick): for models made by hand rather than by the
   * trainer, such as benchmark and test ensembles of stumps. The caller names the rest.
   */
  public static ModelMetadata metadataFor(
      RegionLayout layout,
      FeatureConfig config,
      String modelName,
      String modelVersion,
      long seed,
      String trainingDataHash,
      String createdBy) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    String configJson;
    try {
      configJson = JSON.writeValueAsString(config.canonicalString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serializes", e);
    }
    double tickSeconds = config.tickIntervalMicros() / (double) TimeUnits.MICROS_PER_SECOND;
    return new ModelMetadata(
        modelName,
        modelVersion,
        schema.names(),
        schema.hash(),
        configJson,
        layout.toJson(),
        layout.layoutHash(),
        7.0,
        tickSeconds,
        tickSeconds,
        seed,
        trainingDataHash,
        "{}",
        createdBy);
  }

  /**
   * The largest models-topic record the job decodes, bytes: the topic's {@code max.message.bytes}
   * ({@value Topic#MODELS_MAX_MESSAGE_BYTES}, 16 MiB), checked before Avro or ONNX Runtime see it.
   */
  public static final int MAX_RELEASE_BYTES = Topic.MODELS_MAX_MESSAGE_BYTES;

  /**
   * The model of a {@code ModelRelease} record from the models topic (single-object Avro): the
   * record must be at most {@link #MAX_RELEASE_BYTES}, the job must trust at least one key, the
   * record must decode, its ONNX bytes must match its SHA-256 and carry an Ed25519 {@code
   * signature} by a trusted key, and its declared feature hash must be the artifact's.
   */
  public static JobModel fromRelease(byte[] releaseValue, byte[] signature, ModelTrust trust)
      throws ModelRejection {
    if (releaseValue.length > MAX_RELEASE_BYTES) {
      throw new ModelRejection(
          ModelRejection.OVERSIZED,
          "The release has "
              + releaseValue.length
              + " bytes, more than the "
              + MAX_RELEASE_BYTES
              + " the models topic admits.");
    }
    if (trust.isEmpty()) {
      throw new ModelRejection(
          ModelRejection.NO_TRUST_KEY,
          "The job trusts no signing key (--model-trust-key), so it takes no release.");
    }
    ModelRelease release;
    try {
      release = Codecs.MODEL_RELEASE.decode(releaseValue);
    } catch (WireFormatException | RuntimeException e) {
      throw new ModelRejection(
          ModelRejection.CORRUPT_RELEASE,
          "The record is not a model release: " + e.getMessage(),
          e);
    }
    byte[] onnx = new byte[release.getOnnxModel().remaining()];
    release.getOnnxModel().duplicate().get(onnx);
    String sha256 = sha256Hex(onnx);
    if (!sha256.equalsIgnoreCase(release.getOnnxSha256())) {
      throw new ModelRejection(
          ModelRejection.CHECKSUM_MISMATCH,
          "Release "
              + release.getModelName()
              + " "
              + release.getModelVersion()
              + " carries "
              + onnx.length
              + " bytes hashing to "
              + sha256
              + ", not the declared "
              + release.getOnnxSha256()
              + " (truncated or corrupted).");
    }
    if (signature == null || signature.length == 0) {
      throw new ModelRejection(
          ModelRejection.UNSIGNED,
          "Release "
              + release.getModelName()
              + " "
              + release.getModelVersion()
              + " has no signature (header "
              + ModelSigning.RELEASE_SIGNATURE_HEADER
              + ").");
    }
    if (trust.signer(onnx, signature).isEmpty()) {
      throw new ModelRejection(
          ModelRejection.BAD_SIGNATURE,
          "Release "
              + release.getModelName()
              + " "
              + release.getModelVersion()
              + " is not signed by a trusted key over its "
              + onnx.length
              + " ONNX bytes (sha256 "
              + sha256
              + ").");
    }
    JobModel model = of(onnx);
    if (!model.featureHash().equals(release.getFeatureHash())) {
      throw new ModelRejection(
          ModelRejection.INCONSISTENT_METADATA,
          "Release "
              + release.getModelName()
              + " "
              + release.getModelVersion()
              + " declares feature hash "
              + release.getFeatureHash()
              + " but its model has "
              + model.featureHash()
              + ".");
    }
    return model;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Reads a model file. */
  public static JobModel read(Path file) throws IOException, ModelRejection {
    return of(Files.readAllBytes(file));
  }

  /**
   * {@code file} when given, else the default model on the class path ({@value #DEFAULT_RESOURCE}).
   */
  public static JobModel load(Path file) throws IOException, ModelRejection {
    if (file != null) {
      return read(file);
    }
    try (InputStream in = JobModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "no model: the job jar has no default model "
                + DEFAULT_RESOURCE
                + " (train one into models/ttf-gbrt/ and rebuild) and no --model FILE was given");
      }
      return of(in.readAllBytes());
    }
  }

  /**
   * Checks that {@code candidate} can replace this model without changing what the job computes:
   * same feature configuration, same layout, same ordered features.
   */
  public void requireCompatible(JobModel candidate) throws ModelRejection {
    if (!candidate.featureHash().equals(featureHash())) {
      throw new ModelRejection(
          ModelRejection.FEATURE_HASH_MISMATCH,
          "Model "
              + candidate.describe()
              + " expects features with hash "
              + candidate.featureHash()
              + " but this job computes "
              + featureHash()
              + ".");
    }
    if (!candidate.featureSpec.layout().layoutHash().equals(featureSpec.layout().layoutHash())) {
      throw new ModelRejection(
          ModelRejection.LAYOUT_MISMATCH,
          "Model "
              + candidate.describe()
              + " was trained for station layout "
              + candidate.featureSpec.layout().layoutHash()
              + ", not this job's "
              + featureSpec.layout().layoutHash()
              + ".");
    }
  }

  private static String canonicalConfig(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("asperity.feature_config is not JSON");
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject()) {
      StringJoiner canonical = new StringJoiner(";");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isValueNode()) {
          throw new IllegalArgumentException(
              "asperity.feature_config." + e.getKey() + " is not a number");
        }
        canonical.add(e.getKey() + "=" + e.getValue().asText());
      }
      return canonical.toString();
    }
    throw new IllegalArgumentException(
        "asperity.feature_config is neither a JSON string nor an object");
  }

  public ModelArtifact artifact() {
    if (artifact == null) {
      try {
        artifact = ModelArtifact.parse(onnx);
      } catch (InvalidModelException e) {
        throw new IllegalStateException("a model that was valid is not any more", e);
      }
    }
    return artifact;
  }

  /** The ONNX bytes (not copied: never modify). */
  public byte[] onnxBytes() {
    return onnx;
  }

  public FeatureSpec featureSpec() {
    return featureSpec;
  }

  public String name() {
    return artifact().metadata().modelName();
  }

  public String version() {
    return artifact().metadata().modelVersion();
  }

  public String featureHash() {
    return artifact().metadata().featureHash();
  }

  public double magnitudeThreshold() {
    return artifact().metadata().magnitudeThreshold();
  }

  public String describe() {
    return name() + " " + version() + " (sha256 " + artifact().sha256().substring(0, 12) + ")";
  }

  @Override
  public String toString() {
    return "JobModel[" + describe() + "]";
  }
}

package org.asperity.model;

import static org.asperity.model.ModelContract.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asperity.model.InvalidModelException.Reason;

/**
 * The {@code asperity.*} metadata of a model artifact, typed. The trainer builds one and writes
 * {@link #toProperties()} into the ONNX file; the job reads it back with {@link
 * #fromProperties(Map)}. The feature configuration, region layout and metrics are JSON documents
 * owned by others (features library, trainer): checked to be well-formed, otherwise opaque here.
 *
 * @param featureNames input columns, in order
 * @param magnitudeThreshold moment magnitude above which an event counts as "the next failure"
 * @param createdBy the command line that reproduces the artifact
 */
public record ModelMetadata(
    String modelName,
    String modelVersion,
    List<String> featureNames,
    String featureHash,
    String featureConfigJson,
    String regionLayoutJson,
    String layoutHash,
    double magnitudeThreshold,
    double samplingIntervalSeconds,
    double tickIntervalSeconds,
    long trainingSeed,
    String trainingDataHash,
    String metricsJson,
    String createdBy) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** {@code asperity.outputs} as written: the contract's output names, comma-separated. */
  public static final String OUTPUTS_VALUE = String.join(",", OUTPUTS);

  /** Validates every field; throws {@link IllegalArgumentException} naming the bad one. */
  public ModelMetadata {
    requireText(KEY_MODEL_NAME, modelName);
    requireText(KEY_MODEL_VERSION, modelVersion);
    featureNames = List.copyOf(featureNames);
    if (featureNames.isEmpty()) {
      throw new IllegalArgumentException(KEY_FEATURE_NAMES + " is empty");
    }
    Set<String> seen = new HashSet<>();
    for (String name : featureNames) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(KEY_FEATURE_NAMES + " contains a blank name");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException(KEY_FEATURE_NAMES + " names '" + name + "' twice");
      }
    }
    requireText(KEY_FEATURE_HASH, featureHash);
    requireJson(KEY_FEATURE_CONFIG, featureConfigJson, false);
    requireJson(KEY_REGION_LAYOUT, regionLayoutJson, false);
    requireText(KEY_LAYOUT_HASH, layoutHash);
    if (!Double.isFinite(magnitudeThreshold)) {
      throw new IllegalArgumentException(KEY_MAGNITUDE_THRESHOLD + " is not finite");
    }
    requirePositive(KEY_SAMPLING_INTERVAL_SECONDS, samplingIntervalSeconds);
    requirePositive(KEY_TICK_INTERVAL_SECONDS, tickIntervalSeconds);
    requireText(KEY_TRAINING_DATA_HASH, trainingDataHash);
    requireJson(KEY_METRICS, metricsJson, true);
    requireText(KEY_CREATED_BY, createdBy);
  }

  public int featureCount() {
    return featureNames.size();
  }

  /** The metadata_props to write, in {@link ModelContract#REQUIRED_KEYS} order. */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(KEY_MODEL_NAME, modelName);
    p.put(KEY_MODEL_VERSION, modelVersion);
    p.put(KEY_OUTPUTS, OUTPUTS_VALUE);
    try {
      p.put(KEY_FEATURE_NAMES, JSON.writeValueAsString(featureNames));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings always serializes", e);
    }
    p.put(KEY_FEATURE_HASH, featureHash);
    p.put(KEY_FEATURE_CONFIG, featureConfigJson);
    p.put(KEY_REGION_LAYOUT, regionLayoutJson);
    p.put(KEY_LAYOUT_HASH, layoutHash);
    p.put(KEY_MAGNITUDE_THRESHOLD, plain(magnitudeThreshold));
    p.put(KEY_SAMPLING_INTERVAL_SECONDS, plain(samplingIntervalSeconds));
    p.put(KEY_TICK_INTERVAL_SECONDS, plain(tickIntervalSeconds));
    p.put(KEY_TRAINING_SEED, Long.toString(trainingSeed));
    p.put(KEY_TRAINING_DATA_HASH, trainingDataHash);
    p.put(KEY_METRICS, metricsJson);
    p.put(KEY_CREATED_BY, createdBy);
    return p;
  }

  /** Reads and validates the metadata_props of an artifact. */
  public static ModelMetadata fromProperties(Map<String, String> props)
      throws InvalidModelException {
    for (String key : REQUIRED_KEYS) {
      String value = props.get(key);
      if (value == null || value.isBlank()) {
        throw new InvalidModelException(
            Reason.MISSING_METADATA, "The model has no metadata entry '" + key + "'.");
      }
    }
    if (!OUTPUTS_VALUE.equals(props.get(KEY_OUTPUTS).strip())) {
      throw new InvalidModelException(
          Reason.OUTPUTS_MISMATCH,
          "The model's outputs are '"
              + props.get(KEY_OUTPUTS)
              + "' but this job expects '"
              + OUTPUTS_VALUE
              + "'.");
    }
    try {
      return new ModelMetadata(
          props.get(KEY_MODEL_NAME),
          props.get(KEY_MODEL_VERSION),
          parseNames(props.get(KEY_FEATURE_NAMES)),
          props.get(KEY_FEATURE_HASH),
          props.get(KEY_FEATURE_CONFIG),
          props.get(KEY_REGION_LAYOUT),
          props.get(KEY_LAYOUT_HASH),
          parseDouble(KEY_MAGNITUDE_THRESHOLD, props),
          parseDouble(KEY_SAMPLING_INTERVAL_SECONDS, props),
          parseDouble(KEY_TICK_INTERVAL_SECONDS, props),
          parseLong(KEY_TRAINING_SEED, props),
          props.get(KEY_TRAINING_DATA_HASH),
          props.get(KEY_METRICS),
          props.get(KEY_CREATED_BY));
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(
          Reason.INVALID_METADATA, "The model's metadata is invalid: " + e.getMessage() + ".", e);
    }
  }

  private static List<String> parseNames(String json) {
    JsonNode node = readJson(KEY_FEATURE_NAMES, json);
    if (!node.isArray()) {
      throw new IllegalArgumentException(KEY_FEATURE_NAMES + " is not a JSON array");
    }
    List<String> names = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new IllegalArgumentException(KEY_FEATURE_NAMES + " contains a non-string " + element);
      }
      names.add(element.asText());
    }
    return names;
  }

  private static double parseDouble(String key, Map<String, String> props) {
    try {
      return Double.parseDouble(props.get(key).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + props.get(key) + "' is not a number");
    }
  }

  private static long parseLong(String key, Map<String, String> props) {
    try {
      return Long.parseLong(props.get(key).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + props.get(key) + "' is not an integer");
    }
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is blank");
    }
  }

  private static void requirePositive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be a positive finite number, not " + value);
    }
  }

  private static void requireJson(String key, String value, boolean mustBeObject) {
    requireText(key, value);
    JsonNode node = readJson(key, value);
    if (mustBeObject && !node.isObject()) {
      throw new IllegalArgumentException(key + " is not a JSON object");
    }
  }

  private static JsonNode readJson(String key, String value) {
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(key + " is not well-formed JSON");
    }
  }

  /** Shortest plain decimal form ("30", "6.5"), so written values read naturally. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

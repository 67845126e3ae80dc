package org.asperity.app;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.wire.Codecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./asperity model}: keys, signatures and releases of models for the running job. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    header = "Sign, verify and publish models for hot swap in the running job.",
    description = {
      "The job replaces its model with a release on the models topic only if the release carries an",
      "Ed25519 signature over the ONNX file by a key it trusts (--model-trust-key). Keys are PEM",
      "files: public keys X.509 SubjectPublicKeyInfo, private keys PKCS#8 (openssl genpkey",
      "-algorithm ed25519 makes the same). A signature sits beside its model as MODEL.onnx.sig.",
      "",
      "Example:  ./asperity model keygen --out keys/release",
      "          ./asperity model sign --key keys/release.key models/ttf-gbrt/ttf-gbrt.onnx",
      "          ./asperity model publish --bootstrap-servers kafka1:9092 \\",
      "              models/ttf-gbrt/ttf-gbrt.onnx",
      ""
    },
    subcommands = {
      ModelCommand.Keygen.class,
      ModelCommand.Sign.class,
      ModelCommand.Verify.class,
      ModelCommand.Publish.class
    })
final class ModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code model keygen}: a new Ed25519 key pair. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      header = "Make an Ed25519 key pair: PREFIX.key (private, keep it secret) and PREFIX.pub.")
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "PREFIX",
        description = "Writes PREFIX.key and PREFIX.pub; refuses to overwrite them.")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path privateFile = out.resolveSibling(out.getFileName() + ".key");
      Path publicFile = out.resolveSibling(out.getFileName() + ".pub");
      if (Files.exists(privateFile) || Files.exists(publicFile)) {
        throw new IllegalArgumentException(
            privateFile + " or " + publicFile + " exists: choose another --out");
      }
      KeyPair pair = ModelSigning.generateKeyPair();
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(privateFile, ModelSigning.pem(pair.getPrivate()));
      privateFile.toFile().setReadable(false, false);
      privateFile.toFile().setReadable(true, true);
      Files.writeString(publicFile, ModelSigning.pem(pair.getPublic()));
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          "Wrote %s (private) and %s (public, key %s)%n",
          privateFile, publicFile, ModelSigning.fingerprint(pair.getPublic()));
      o.flush();
      return 0;
    }
  }

  /** {@code model sign}: writes MODEL.sig. */
  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      header = "Check a model against the contract and sign it: writes MODEL.sig.")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "Ed25519 private key (PEM, PKCS#8).")
    Path key;

    @Parameters(paramLabel = "MODEL", description = "The ONNX model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
      Path signature = sign(ModelSigning.readPrivateKey(key), model);
      PrintWriter o = spec.commandLine().getOut();
      o.printf("Signed %s: %s%n", ModelArtifact.read(model), signature);
      o.flush();
      return 0;
    }
  }

  /** Signs {@code model} (after checking it against the contract) into its signature file. */
  static Path sign(PrivateKey key, Path model) throws Exception {
    byte[] bytes = Files.readAllBytes(model);
    ModelArtifact.parse(bytes);
    Path signature = ModelSigning.signatureFileOf(model);
    ModelSigning.writeSignature(signature, ModelSigning.sign(key, bytes));
    return signature;
  }

  /** {@code model verify}: exit 0 only for a good signature by one of the keys. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      header = "Verify a model's signature (MODEL.sig) against trusted public keys.",
      description = "Exit status 0 if a --trust-key signed the model's bytes, 1 otherwise.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--trust-key",
        required = true,
        paramLabel = "FILE",
        description = "Ed25519 public key (PEM, X.509 SPKI); repeatable.")
    List<Path> trustKeys;

    @Option(
        names = "--signature",
        paramLabel = "FILE",
        description = "The signature file (default: MODEL.sig).")
    Path signature;

    @Parameters(paramLabel = "MODEL", description = "The ONNX model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
      ModelTrust trust = ModelTrust.read(trustKeys);
      Path signatureFile = signature != null ? signature : ModelSigning.signatureFileOf(model);
      byte[] bytes = Files.readAllBytes(model);
      var signer = trust.signer(bytes, ModelSigning.readSignature(signatureFile));
      PrintWriter o = spec.commandLine().getOut();
      if (signer.isEmpty()) {
        spec.commandLine()
            .getErr()
            .printf("%s is NOT signed by a trusted key (%s)%n", model, signatureFile);
        return 1;
      }
      o.printf("%s is signed by trusted key %s%n", model, signer.get());
      o.flush();
      return 0;
    }
  }

  /** {@code model publish}: a signed release on the models topic. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      header = "Publish a signed model on the models topic: the running job swaps it in.",
      description = {
        "Sends MODEL with its signature (MODEL.sig, or signed now with --key) as a release on the",
        "models topic, key the model's name. The job takes it if a --model-trust-key of the job",
        "signed it and it passes the job's checks; otherwise it logs why and keeps its model.",
        "Releases are at most "
            + Topic.MODELS_MAX_MESSAGE_BYTES
            + " bytes (the models topic's max.message.bytes)."
      })
  static final class Publish implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KafkaOptions kafka;

    @Option(
        names = "--key",
        paramLabel = "FILE",
        description =
            "Sign with this Ed25519 private key (PEM, PKCS#8) instead of reading MODEL.sig.")
    Path key;

    @Option(names = "--notes", defaultValue = "", description = "Free text carried in the release.")
    String notes;

    @Option(names = "--models-topic", description = "Default: ${DEFAULT-VALUE}.")
    String topic = TopicNames.defaults().models();

    @Parameters(paramLabel = "MODEL", description = "The ONNX model file.")
    Path model;

    @Override
    public Integer call() throws Exception {
      byte[] bytes = Files.readAllBytes(model);
      ModelArtifact artifact = ModelArtifact.parse(bytes);
      byte[] signature =
          key != null
              ? ModelSigning.sign(ModelSigning.readPrivateKey(key), bytes)
              : ModelSigning.readSignature(ModelSigning.signatureFileOf(model));
      // Forecasts name the version in the model's metadata: the release says the same.
      String releaseVersion = artifact.metadata().modelVersion();
      byte[] release =
          Codecs.MODEL_RELEASE.encode(
              ModelRelease.newBuilder()
                  .setModelName(artifact.metadata().modelName())
                  .setModelVersion(releaseVersion)
                  .setFeatureHash(artifact.metadata().featureHash())
                  .setOnnxModel(ByteBuffer.wrap(bytes))
                  .setOnnxSha256(artifact.sha256())
                  .setReleasedAt(Instant.now())
                  .setNotes(notes)
                  .build());
      if (release.length > Topic.MODELS_MAX_MESSAGE_BYTES) {
        throw new IllegalArgumentException(
            "the release has "
                + release.length
                + " bytes, more than the models topic's "
                + Topic.MODELS_MAX_MESSAGE_BYTES);
      }
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              topic, artifact.metadata().modelName().getBytes(StandardCharsets.UTF_8), release);
      record.headers().add(ModelSigning.RELEASE_SIGNATURE_HEADER, signature);
      RecordMetadata sent;
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              kafka
                  .settings(null)
                  .producer(
                      Map.of(
                          "acks",
                          "all",
                          "max.request.size",
                          Integer.toString(Topic.MODELS_MAX_MESSAGE_BYTES))),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        sent = producer.send(record).get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(KafkaErrors.describe(e.getCause()), e.getCause());
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          "Published %s as %s on %s (partition %d, offset %d)%n",
          artifact, releaseVersion, topic, sent.partition(), sent.offset());
      o.flush();
      return 0;
    }
  }
}

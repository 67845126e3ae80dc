package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asperity.job.scoring.JobModel;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./asperity model keygen|sign|verify}: keys and signatures the job accepts. */
class ModelCommandTest {
  @TempDir Path dir;

  private static int run(String... args) {
    CommandLine cli = Asperity.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  private Path defaultModel() throws Exception {
    Path model = dir.resolve("ttf-gbrt.onnx");
    try (InputStream in = JobModel.class.getResourceAsStream(JobModel.DEFAULT_RESOURCE)) {
      Files.write(model, in.readAllBytes());
    }
    return model;
  }

  @Test
  void signedModelsVerifyAgainstTheirKeyOnly() throws Exception {
    Path model = defaultModel();
    assertEquals(0, run("model", "keygen", "--out", dir.resolve("release").toString()));
    assertEquals(0, run("model", "keygen", "--out", dir.resolve("other").toString()));
    assertEquals(
        1, run("model", "keygen", "--out", dir.resolve("release").toString()), "no overwrite");
    assertEquals(
        0, run("model", "sign", "--key", dir.resolve("release.key").toString(), model.toString()));
    Path signature = dir.resolve("ttf-gbrt.onnx.sig");
    assertTrue(Files.exists(signature));
    byte[] bytes = Files.readAllBytes(model);
    ModelTrust trust = ModelTrust.read(List.of(dir.resolve("release.pub")));
    assertTrue(trust.signer(bytes, ModelSigning.readSignature(signature)).isPresent());

    String pub = dir.resolve("release.pub").toString();
    String other = dir.resolve("other.pub").toString();
    assertEquals(0, run("model", "verify", "--trust-key", pub, model.toString()));
    assertEquals(1, run("model", "verify", "--trust-key", other, model.toString()));
    assertEquals(
        0, run("model", "verify", "--trust-key", other, "--trust-key", pub, model.toString()));
    bytes[bytes.length - 1] ^= 1;
    Files.write(model, bytes);
    assertEquals(1, run("model", "verify", "--trust-key", pub, model.toString()), "tampered");
  }

  @Test
  void keysRoundTripThroughPem() throws Exception {
    var pair = ModelSigning.generateKeyPair();
    Path pub = dir.resolve("k.pub");
    Path key = dir.resolve("k.key");
    Files.writeString(pub, ModelSigning.pem(pair.getPublic()));
    Files.writeString(key, ModelSigning.pem(pair.getPrivate()));
    assertArrayEquals(pair.getPublic().getEncoded(), ModelSigning.readPublicKey(pub).getEncoded());
    byte[] signature = ModelSigning.sign(ModelSigning.readPrivateKey(key), new byte[] {1, 2});
    assertTrue(ModelSigning.verify(pair.getPublic(), new byte[] {1, 2}, signature));
  }
}

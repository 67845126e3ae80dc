package org.asperity.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signatures over model artifact bytes (the ONNX file exactly as released), with keys in
 * PEM files: public keys as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}),
 * private keys as PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), the format of {@code openssl
 * genpkey -algorithm ed25519}. A signature file holds the 64 signature bytes in base64 on one line
 * and sits beside its model as {@code <model file>.sig}.
 */
public final class ModelSigning {
  public static final String ALGORITHM = "Ed25519";

  /** The Kafka header of a models-topic record that carries the signature (raw 64 bytes). */
  public static final String RELEASE_SIGNATURE_HEADER = "asperity-model-signature";

  /** Appended to a model file's name to give its signature file's. */
  public static final String SIGNATURE_SUFFIX = ".sig";

  private ModelSigning() {}

  public static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 15+ runtime has Ed25519", e);
    }
  }

  public static byte[] sign(PrivateKey key, byte[] artifact) throws InvalidKeyException {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(artifact);
      return signer.sign();
    } catch (NoSuchAlgorithmException | SignatureException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * Whether {@code signature} is {@code key}'s over {@code artifact}; false for any malformation.
   */
  public static boolean verify(PublicKey key, byte[] artifact, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(artifact);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The first 16 hex digits of the SHA-256 of the key's encoding: names a key in logs. */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static PublicKey publicKey(byte[] x509) throws InvalidKeySpecException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 15+ runtime has Ed25519", e);
    }
  }

  public static PublicKey readPublicKey(Path pemFile) throws IOException {
    try {
      return publicKey(pemBody(pemFile, "PUBLIC KEY"));
    } catch (InvalidKeySpecException e) {
      throw new IOException(pemFile + " is not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(pemBody(pemFile, "PRIVATE KEY")));
    } catch (InvalidKeySpecException e) {
      throw new IOException(pemFile + " is not an Ed25519 private key: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 15+ runtime has Ed25519", e);
    }
  }

  /** A key as PEM text: PUBLIC KEY (X.509 SPKI) or PRIVATE KEY (PKCS#8). */
  public static String pem(Key key) {
    String label = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END "
        + label
        + "-----\n";
  }

  public static Path signatureFileOf(Path modelFile) {
    return modelFile.resolveSibling(modelFile.getFileName() + SIGNATURE_SUFFIX);
  }

  public static void writeSignature(Path signatureFile, byte[] signature) throws IOException {
    Files.writeString(signatureFile, Base64.getEncoder().encodeToString(signature) + "\n");
  }

  public static byte[] readSignature(Path signatureFile) throws IOException {
    try {
      return Base64.getDecoder().decode(Files.readString(signatureFile).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException(signatureFile + " is not a base64 signature", e);
    }
  }

  private static byte[] pemBody(Path pemFile, String label) throws IOException {
    String text = Files.readString(pemFile, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(pemFile + " has no " + begin + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(pemFile + " has a " + label + " block that is not base64", e);
    }
  }
}

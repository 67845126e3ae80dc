package org.asperity.model;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 public keys whose signatures make a model release trusted. No key trusts nothing: a
 * job without trust keys refuses every release. Serializable as the keys' X.509 encodings.
 *
 * @param x509Base64 each key's X.509 SubjectPublicKeyInfo encoding, base64
 */
public record ModelTrust(List<String> x509Base64) implements Serializable {
  public ModelTrust {
    x509Base64 = List.copyOf(x509Base64);
    for (String key : x509Base64) {
      try {
        ModelSigning.publicKey(Base64.getDecoder().decode(key));
      } catch (InvalidKeySpecException | IllegalArgumentException e) {
        throw new IllegalArgumentException("not an Ed25519 public key: " + key, e);
      }
    }
  }

  public static ModelTrust none() {
    return new ModelTrust(List.of());
  }

  public static ModelTrust of(List<PublicKey> keys) {
    List<String> encoded = new ArrayList<>();
    for (PublicKey key : keys) {
      encoded.add(Base64.getEncoder().encodeToString(key.getEncoded()));
    }
    return new ModelTrust(encoded);
  }

  /** The keys in PEM files (X.509 SPKI). */
  public static ModelTrust read(List<Path> pemFiles) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : pemFiles) {
      keys.add(ModelSigning.readPublicKey(file));
    }
    return of(keys);
  }

  public boolean isEmpty() {
    return x509Base64.isEmpty();
  }

  /** The fingerprint of the trusted key that made {@code signature} over {@code artifact}. */
  public Optional<String> signer(byte[] artifact, byte[] signature) {
    if (signature == null) {
      return Optional.empty();
    }
    for (String encoded : x509Base64) {
      PublicKey key;
      try {
        key = ModelSigning.publicKey(Base64.getDecoder().decode(encoded));
      } catch (InvalidKeySpecException e) {
        throw new IllegalStateException("checked at construction", e);
      }
      if (ModelSigning.verify(key, artifact, signature)) {
        return Optional.of(ModelSigning.fingerprint(key));
      }
    }
    return Optional.empty();
  }
}

package org.asperity.job.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ModelReleaseDeserializerTest {

  @Test
  void aFrameGivesBackItsSignatureAndRelease() {
    byte[] signature = new byte[64];
    signature[0] = 7;
    byte[] release = {1, 2, 3};
    byte[] framed = ModelReleaseDeserializer.frame(signature, release);
    assertArrayEquals(signature, ModelReleaseDeserializer.signature(framed));
    assertArrayEquals(release, ModelReleaseDeserializer.release(framed));
  }

  @Test
  void noOrAnOverlongSignatureFramesAsNone() {
    byte[] release = {1, 2, 3};
    for (byte[] signature : new byte[][] {null, new byte[0], new byte[256]}) {
      byte[] framed = ModelReleaseDeserializer.frame(signature, release);
      assertArrayEquals(new byte[0], ModelReleaseDeserializer.signature(framed));
      assertArrayEquals(release, ModelReleaseDeserializer.release(framed));
    }
  }

  @Test
  void malformedFramesNeverThrow() {
    assertArrayEquals(new byte[0], ModelReleaseDeserializer.signature(new byte[0]));
    assertArrayEquals(new byte[0], ModelReleaseDeserializer.release(new byte[0]));
    byte[] claimsMore = {(byte) 200, 1, 2};
    assertArrayEquals(new byte[] {1, 2}, ModelReleaseDeserializer.signature(claimsMore));
    assertArrayEquals(new byte[0], ModelReleaseDeserializer.release(claimsMore));
  }
}

package org.asperity.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.asperity.features.RegionLayout;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelMetadata;
import org.junit.jupiter.api.Test;

/** The layout embedded in the shipped model reads back to the same bytes and the same hash. */
class DefaultModelLayoutTest {

  @Test
  void layoutOfTheDefaultModelRoundTripsByteForByte() throws Exception {
    ModelMetadata metadata =
        ModelArtifact.read(Path.of("../models/ttf-gbrt/ttf-gbrt.onnx")).metadata();

    RegionLayout layout = RegionLayout.fromJson(metadata.regionLayoutJson());

    assertEquals(metadata.regionLayoutJson(), layout.toJson());
    assertEquals(metadata.layoutHash(), layout.layoutHash());
  }
}

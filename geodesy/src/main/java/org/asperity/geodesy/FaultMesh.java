package org.asperity.geodesy;

import java.util.List;

/** A {@link FaultPlane} divided into a regular grid of {@link FaultPatch}es. */
public record FaultMesh(
    FaultPlane plane, int alongStrikeCount, int downDipCount, List<FaultPatch> patches) {

  public FaultMesh {
    patches = List.copyOf(patches);
    if (patches.size() != alongStrikeCount * downDipCount) {
      throw new IllegalArgumentException("patch count does not match the grid");
    }
  }

  public int size() {
    return patches.size();
  }

  public FaultPatch patch(int alongStrikeIndex, int downDipIndex) {
    return patches.get(alongStrikeIndex * downDipCount + downDipIndex);
  }

  public double patchLengthKm() {
    return plane.lengthKm() / alongStrikeCount;
  }

  public double patchWidthKm() {
    return plane.widthKm() / downDipCount;
  }
}

package org.asperity.simulator;

/** Progress hook for long runs; called from the simulating thread every few epochs. */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(SimulationProgress progress);

  static ProgressListener none() {
    return progress -> {};
  }
}

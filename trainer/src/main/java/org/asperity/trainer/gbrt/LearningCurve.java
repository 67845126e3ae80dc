package org.asperity.trainer.gbrt;

/**
 * The evaluation metric after each boosting round, on the training and the validation set.
 *
 * @param bestRound 0-based round with the best validation metric; the model keeps rounds
 *     0..bestRound when early stopping is on
 */
public record LearningCurve(String metric, double[] train, double[] validation, int bestRound) {

  public LearningCurve {
    train = train.clone();
    validation = validation.clone();
    if (train.length != validation.length || train.length == 0) {
      throw new IllegalArgumentException(
          "train and validation curves must be non-empty and equally long");
    }
    if (bestRound < 0 || bestRound >= train.length) {
      throw new IllegalArgumentException(
          "bestRound " + bestRound + " outside 0.." + (train.length - 1));
    }
  }

  @Override
  public double[] train() {
    return train.clone();
  }

  @Override
  public double[] validation() {
    return validation.clone();
  }

  public int rounds() {
    return train.length;
  }
}

package org.asperity.trainer.onnx;

import java.nio.file.Path;
import java.util.List;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.asperity.trainer.SyntheticData;
import org.asperity.trainer.gbrt.GbrtParams;
import org.asperity.trainer.gbrt.GbrtTrainer;
import org.asperity.trainer.gbrt.Objective;
import org.asperity.trainer.gbrt.TrainedBooster;

/**
 * Prints the ONNX-vs-XGBoost differences for production-sized models, beyond what {@link
 * OnnxExporterParityTest} affords to train in the test suite (a report, not a test, and not a
 * benchmark: nothing is timed). It stays with the trainer's tests for their synthetic data: {@code
 * java -cp <trainer test classpath> org.asperity.trainer.onnx.ExportParityReport [rows] [rounds]
 * [dir]}; with a directory it also writes the models there (e.g. for an ONNX checker).
 */
public final class ExportParityReport {

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    Path outputDirectory = args.length > 2 ? Path.of(args[2]) : null;
    SyntheticData training = new SyntheticData(rows, 1);
    SyntheticData validation = new SyntheticData(rows / 4, 2);
    SyntheticData test = new SyntheticData(5_000, 3);
    GbrtTrainer trainer = new GbrtTrainer(new GbrtParams(6, 0.05, rounds, 0.8, 7, 2, 0));
    List<String> names = SyntheticData.featureNames();
    ModelMetadata metadata =
        new ModelMetadata(
            ModelContract.DEFAULT_MODEL_NAME,
            "bench",
            names,
            "h",
            "{}",
            "{}",
            "h",
            7,
            30,
            3600,
            7,
            "h",
            "{}",
            "ExportParityReport");
    try (TrainedBooster magnitude =
        trainer.train(
            training.matrix(training.magnitude),
            validation.matrix(validation.magnitude),
            Objective.squaredError())) {
      for (TtfTransform transform : TtfTransform.values()) {
        try (TrainedBooster ttf =
            trainer.train(
                training.matrix(training.ttfLabels(d -> transform.toTarget(d))),
                validation.matrix(validation.ttfLabels(d -> transform.toTarget(d))),
                Objective.quantiles(0.1, 0.5, 0.9))) {
          byte[] onnx =
              OnnxExporter.export(ttf.modelJson(), magnitude.modelJson(), transform, metadata);
          if (outputDirectory != null) {
            OnnxExporter.write(onnx, outputDirectory.resolve("forecast-" + transform + ".onnx"));
          }
          float[] actual;
          try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(onnx))) {
            actual = forecaster.score(test.features, test.rows);
          }
          float[] expected =
              Parity.expectedForecasts(ttf, magnitude, transform, test.features, test.rows);
          System.out.printf(
              "%-8s %d train rows, %d+%d rounds, %d trees, %.1f MB ONNX, %d test rows: %s%n",
              transform,
              rows,
              ttf.rounds(),
              magnitude.rounds(),
              ttf.rounds() * 3 + magnitude.rounds(),
              onnx.length / 1e6,
              test.rows,
              Parity.compare(actual, expected));
        }
      }
    }
  }
}

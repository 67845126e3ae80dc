package org.asperity.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture, as the build checks it. Each rule is one sentence of the design: packages form
 * no cycle; the ground floor (time, geodesy, schemas, features, model) knows neither Flink nor
 * Kafka; the Flink job knows nothing of the simulator or the trainer; nothing depends on the
 * launcher.
 */
class ArchitectureTest {
  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.asperity");
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.asperity.(**)").should().beFreeOfCycles().check(mainClasses);
  }

  @Test
  void theGroundFloorKnowsNeitherFlinkNorKafka() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "org.asperity.time..",
                "org.asperity.geodesy..",
                "org.asperity.schemas..",
                "org.asperity.features..",
                "org.asperity.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..");
    rule.check(mainClasses);
  }

  @Test
  void theFeaturesKnowNothingOfWhereTheirInputComesFrom() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.features..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.asperity.simulator..",
            "org.asperity.trainer..",
            "org.asperity.job..",
            "org.asperity.kafka..")
        .check(mainClasses);
  }

  @Test
  void theJobKnowsNothingOfTheSimulatorOrTheTrainer() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.asperity.simulator..", "org.asperity.trainer..")
        .check(mainClasses);
  }

  @Test
  void theTrainerAndTheJobMeetOnlyThroughTheModelAndTheFeatures() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.trainer..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.asperity.job..")
        .check(mainClasses);
  }

  @Test
  void nothingDependsOnTheLauncher() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.asperity.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.asperity.app..")
        .check(mainClasses);
  }

  @Test
  void replayReadsRealFilesWithoutTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.replay..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.asperity.simulator..", "org.asperity.trainer..", "org.asperity.job..")
        .check(mainClasses);
  }

  @Test
  void theWebPageIsNotPartOfTheJobNorOfTheLauncher() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.asperity.simulator..", "org.asperity.trainer..", "org.asperity.bench..")
        .check(mainClasses);
  }

  @Test
  void onlyTheLauncherRunsBenchmarks() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.asperity.bench..", "org.asperity.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.asperity.bench..")
        .check(mainClasses);
  }

  @Test
  void theModelContractScoresWithoutWritingOnnx() {
    // Writing ONNX protobuf belongs to the trainer and to synthetic test models, not to the job's
    // model runtime: keeps protobuf out of the job's class path.
    noClasses()
        .that()
        .resideInAnyPackage("org.asperity.model..", "org.asperity.job..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.onnx.proto..", "com.google.protobuf..")
        .check(mainClasses);
  }

  @Test
  void bridgesCarryAlertsWithoutKnowingWhoMadeThem() {
    noClasses()
        .that()
        .resideInAPackage("org.asperity.bridge..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.asperity.job..",
            "org.asperity.simulator..",
            "org.asperity.trainer..",
            "org.asperity.web..")
        .check(mainClasses);
  }

  @Test
  void theClusterLauncherRunsProcessesWithoutKnowingTheJob() {
    // It starts JVMs and submits a jar over REST: the job reaches it only as that jar and its
    // flags.
    noClasses()
        .that()
        .resideInAPackage("org.asperity.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.asperity.job..",
            "org.asperity.simulator..",
            "org.asperity.trainer..",
            "org.asperity.web..",
            "org.asperity.app..")
        .check(mainClasses);
  }
}

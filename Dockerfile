# Images for docker-compose.yml (users' clusters; nothing in this repository's build or tests
# needs Docker). Stage "build" compiles everything once; "asperity" is the launcher (simulate,
# replay, web, topics); "flink" is the JobManager/TaskManager image; "flink-submit" is the Flink
# client with the shaded job jar. ComposeConfigurationTest (app module) checks this file.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl app,flink-job -am

FROM eclipse-temurin:17-jre AS asperity
WORKDIR /opt/asperity
COPY --from=build /src/app/target/asperity-app.jar /opt/asperity/asperity-app.jar
COPY --from=build /src/app/target/lib /opt/asperity/lib
COPY docker/asperity-entrypoint.sh /opt/asperity/asperity
ENV ORT_DISABLE_TELEMETRY=1 OMP_WAIT_POLICY=passive
ENTRYPOINT ["/opt/asperity/asperity"]

FROM flink:2.2.1-java17 AS flink
# ONNX Runtime loads its native library once per JVM. From the job jar alone, a TaskManager that
# runs the job again with a new user class loader (failover, resubmission) fails with "already
# loaded in another classloader"; from Flink's lib/, with ai.onnxruntime parent-first
# (classloader.parent-first-patterns.additional in docker-compose.yml), every job shares one copy.
# The same jar the job was built with: app/target/lib holds the reactor's resolved dependencies.
COPY --from=build /src/app/target/lib/onnxruntime-*.jar /opt/flink/lib/
# Checkpoints and savepoints live on a volume shared by JobManager and TaskManager; a fresh named
# volume takes this directory's owner, so the flink user can write to it.
RUN mkdir -p /opt/flink/state && chown flink:flink /opt/flink/state
# ONNX Runtime's telemetry overflows its thread stack (exit 139) on long command lines.
ENV ORT_DISABLE_TELEMETRY=1

FROM flink AS flink-submit
COPY --from=build /src/flink-job/target/asperity-flink-job-*-job.jar /opt/asperity/asperity-flink-job.jar
COPY docker/submit-job.sh /opt/asperity/submit-job.sh

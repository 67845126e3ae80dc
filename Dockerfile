# Images for docker-compose.yml (users' clusters; nothing in this repository's build or tests
# needs Docker). Stage "build" compiles everything once; "asperity" is the launcher (simulate,
# replay, web, topics); "flink-submit" is the Flink client image with the shaded job jar.
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

FROM flink:2.2.1-java17 AS flink-submit
COPY --from=build /src/flink-job/target/asperity-flink-job-*-job.jar /opt/asperity/asperity-flink-job.jar

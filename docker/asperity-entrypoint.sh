#!/bin/sh
# The ./asperity launcher inside the image: the same JVM flags, no build step.
set -eu
OPENS=""
for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time java.util \
         java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  OPENS="$OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java ${ASPERITY_JAVA_OPTS:--Xmx1g} $OPENS -Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.asperity.schemas \
  -cp "/opt/asperity/asperity-app.jar:/opt/asperity/lib/*" org.asperity.app.Asperity "$@"

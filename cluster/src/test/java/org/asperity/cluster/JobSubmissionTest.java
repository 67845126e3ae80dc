package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobSubmissionTest {
  @Test
  void flinksStackTraceBecomesItsDeepestCause() {
    String error =
        "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n"
            + "\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\n"
            + "Caused by: java.util.concurrent.CompletionException: org.apache.flink.util.FlinkRuntimeException: x\n"
            + "\t... 2 more\n"
            + "Caused by: java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint"
            + " file:/d/chk-3. Cannot map checkpoint/savepoint state for operator abc to the new"
            + " program, because the operator is not available in the new program.\n"
            + "\tat org.apache.flink.runtime.checkpoint.Checkpoints.loadAndValidateCheckpoint(Checkpoints.java:185)\n";
    assertEquals(
        "java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint file:/d/chk-3."
            + " Cannot map checkpoint/savepoint state for operator abc to the new program, because"
            + " the operator is not available in the new program.",
        JobSubmission.deepestCause(error));
    assertEquals("no trace", JobSubmission.deepestCause("no trace"));
  }
}

package org.asperity.cluster;

/**
 * A bad operation on the local cluster, told in one line (a port already taken, a data directory in
 * use, a checkpoint that cannot be read or does not fit the job): nothing on disk was changed.
 */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}

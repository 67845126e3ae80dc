package org.asperity.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of every JVM the launcher starts: runs the real main class given as its first
 * argument, and exits when its standard input reaches end of file. The launcher holds the write end
 * of that pipe and never writes; the kernel closes it when the launcher exits, however it exits (a
 * SIGKILL runs no shutdown hook), so no child outlives it.
 */
public final class ParentWatch {
  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ParentWatch MAIN_CLASS [ARGUMENTS...]");
    }
    Thread watch = new Thread(() -> exitAtEndOf(System.in), "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitAtEndOf(InputStream parent) {
    try {
      byte[] buffer = new byte[64];
      while (parent.read(buffer) >= 0) {
        // The launcher never writes: anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same: the launcher is gone.
    }
    Runtime.getRuntime().halt(1);
  }
}

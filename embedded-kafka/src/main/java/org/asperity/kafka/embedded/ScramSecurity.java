package org.asperity.kafka.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The secured variant: clients authenticate with SCRAM-SHA-512 on a SASL_PLAINTEXT listener, the
 * StandardAuthorizer denies whatever no ACL allows, and the broker talks to its own controller with
 * SASL/PLAIN (KRaft cannot use SCRAM on the controller listener: the credentials live in the
 * metadata log the controller serves). The admin and the controller principal are super users.
 */
record ScramSecurity(
    String adminUser, String adminPassword, String controllerPassword, Map<String, String> users) {
  static final String MECHANISM = "SCRAM-SHA-512";
  static final String CONTROLLER_USER = "asperity-controller";
  // Names and passwords travel inside a JAAS line and StorageTool's --add-scram list: keep them
  // to characters neither syntax treats specially.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  ScramSecurity {
    requireSafe("admin user", adminUser);
    requireSafe("admin password", adminPassword);
    requireSafe("controller password", controllerPassword);
    users = Map.copyOf(users);
    users.forEach(
        (user, password) -> {
          requireSafe("user name", user);
          requireSafe("password of " + user, password);
        });
    if (users.containsKey(adminUser)
        || users.containsKey(CONTROLLER_USER)
        || adminUser.equals(CONTROLLER_USER)) {
      throw new IllegalArgumentException(
          "user names must differ from the admin "
              + adminUser
              + " and the controller principal "
              + CONTROLLER_USER);
    }
  }

  /** Every SCRAM user to create at format time, admin first. */
  Map<String, String> allScramUsers() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(adminUser, adminPassword);
    all.putAll(users);
    return all;
  }

  /** StorageTool {@code --add-scram} arguments, one per user. */
  List<String> storageToolArguments() {
    List<String> args = new ArrayList<>();
    allScramUsers()
        .forEach(
            (user, password) -> {
              args.add("--add-scram");
              args.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
            });
    return args;
  }

  static String scramJaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * JAAS line of the controller listener: the broker logs in as, and the controller accepts, one
   * PLAIN user.
   */
  String controllerJaas() {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + CONTROLLER_USER
        + "\" password=\""
        + controllerPassword
        + "\" user_"
        + CONTROLLER_USER
        + "=\""
        + controllerPassword
        + "\";";
  }

  private static void requireSafe(String what, String value) {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be non-empty and use only letters, digits, '.', '_' and '-'");
    }
  }
}

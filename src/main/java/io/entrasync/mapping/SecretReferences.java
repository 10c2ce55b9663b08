package io.entrasync.mapping;

import io.entrasync.source.TenantConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Warnings (not errors) for a mapping whose credential reference points at nothing on this machine: an unset secret
 * environment variable, a missing or unreadable secret, certificate or key file. The file is valid either way (the
 * secret may be mounted only where it runs), but an admin validating it wants to know before the first run fails.
 * Never reads a secret's value.
 */
final class SecretReferences {

    private SecretReferences() {
    }

    static List<MappingError> warnings(String file, String yaml, TenantMapping mapping, Function<String, String> env) {
        List<MappingError> warnings = new ArrayList<>();
        if (mapping == null) {
            return warnings;
        }
        TenantConnection.Credentials credentials = mapping.connection().credentials();
        if (credentials.mspApp()) {
            mspFile(warnings, file, yaml, "ENTRA_SYNC_MSP_CLIENT_SECRET_FILE", credentials.clientSecretFile());
            mspFile(warnings, file, yaml, "ENTRA_SYNC_MSP_CERTIFICATE_FILE", credentials.certificateFile());
            mspFile(warnings, file, yaml, "ENTRA_SYNC_MSP_PRIVATE_KEY_FILE", credentials.privateKeyFile());
            return warnings;
        }
        String variable = credentials.clientSecretEnv();
        if (variable != null && (env.apply(variable) == null || env.apply(variable).isBlank())) {
            warnings.add(at(file, yaml, "clientSecretEnv", "environment variable " + variable + " is not set here; "
                    + "runs of tenant '" + mapping.tenant() + "' fail until it is (e.g. export " + variable + "=… or a "
                    + "Kubernetes secret as env)"));
        }
        file(warnings, file, yaml, "clientSecretFile", credentials.clientSecretFile());
        file(warnings, file, yaml, "certificateFile", credentials.certificateFile());
        file(warnings, file, yaml, "privateKeyFile", credentials.privateKeyFile());
        return warnings;
    }

    private static void file(List<MappingError> warnings, String file, String yaml, String key, Path path) {
        if (path != null && !Files.isReadable(path)) {
            warnings.add(at(file, yaml, key, key + " " + path + (Files.exists(path) ? " cannot be read" : " does not exist")
                    + " here; runs fail until it is mounted or created"));
        }
    }

    /** The MSP app's credential files are named by environment variables, not by the mapping file. */
    private static void mspFile(List<MappingError> warnings, String file, String yaml, String variable, Path path) {
        if (path != null && !Files.isReadable(path)) {
            MappingError at = at(file, yaml, "app", "");
            warnings.add(new MappingError(file, at.line(), at.column(), "credentials.app", "the MSP app's " + variable
                    + " " + path + (Files.exists(path) ? " cannot be read" : " does not exist") + " here; runs of "
                    + "every tenant using the MSP app fail until it is mounted"));
        }
    }

    /** The line and column where the key is written (the first mention), so the warning points at it. */
    private static MappingError at(String file, String yaml, String key, String message) {
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int column = lines[i].indexOf(key + ":");
            if (column >= 0) {
                return new MappingError(file, i + 1, column + 1, "credentials." + key, message);
            }
        }
        return new MappingError(file, 1, 1, "credentials." + key, message);
    }
}

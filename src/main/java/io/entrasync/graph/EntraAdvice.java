package io.entrasync.graph;

import java.util.Map;

/**
 * What an admin does about an Entra (AADSTS) or Graph error code met while checking a tenant's connection; the codes
 * are those of Microsoft's "Microsoft Entra authentication and authorization error codes" and Graph's error
 * reference. Matched on codes, never on message text.
 */
final class EntraAdvice {

    static final String GRANT_READ = "grant the application the Microsoft Graph application permissions User.Read.All "
            + "and GroupMember.Read.All, then 'Grant admin consent' in that tenant (Entra admin center > App "
            + "registrations > API permissions)";

    private static final Map<String, String> TOKEN = Map.ofEntries(
            Map.entry("AADSTS7000215", "the client secret is wrong: put the secret's Value (not its Secret ID) where "
                    + "credentials.clientSecretEnv / clientSecretFile point"),
            Map.entry("AADSTS7000222", "the client secret has expired: create a new one under Certificates & secrets "
                    + "and update the secret the mapping references"),
            Map.entry("AADSTS90002", "no such tenant: check tenantId (the Directory (tenant) ID) and cloud (a "
                    + "national-cloud tenant is not found in the global cloud)"),
            Map.entry("AADSTS900023", "tenantId is not a valid tenant id or domain: copy the Directory (tenant) ID"),
            Map.entry("AADSTS700016", "the application (clientId) is not found in this tenant: check clientId, and for "
                    + "a multi-tenant application have an admin of this tenant consent to it"),
            Map.entry("AADSTS65001", "the application has no admin consent in this tenant: an admin grants it "
                    + "(API permissions > Grant admin consent)"),
            Map.entry("AADSTS7000218", "no credential reached Entra: check credentials in the mapping"),
            Map.entry("AADSTS700027", "the certificate is not registered for the application: upload its public part "
                    + "under Certificates & secrets (RSA, 2048 bits or more)"),
            Map.entry("AADSTS50049", "unknown or invalid authority: check cloud / authorityHost"),
            Map.entry("credential_unavailable", "the credential the mapping references cannot be read: set the "
                    + "environment variable or mount the file it names"));

    private EntraAdvice() {
    }

    /** The fix for a failed token request, by Entra's AADSTS code (or our own code); a general hint otherwise. */
    static String forToken(String code) {
        String network = NetworkFailure.advice(code);
        if (network != null) {
            return network;
        }
        String fix = code == null ? null : TOKEN.get(code);
        return fix != null ? fix : "check tenantId, clientId, cloud and the credential against the app registration";
    }

    /** The fix for a Graph read refused with this status and code. */
    static String forRead(int status, String code) {
        String network = status == 0 ? NetworkFailure.advice(code) : null;
        if (network != null) {
            return network;
        }
        if (status == 403 || "Authorization_RequestDenied".equals(code)) {
            return GRANT_READ;
        }
        if (status == 401) {
            return "the token was refused: check that the app registration lives in tenant tenantId and cloud";
        }
        if (status == 0) {
            return "Graph gave no answer" + (code == null ? "" : " (" + code + ")") + ": check the network path from "
                    + "this service to the Graph endpoint and try again";
        }
        return "Graph answered HTTP " + status + (code == null ? "" : " (" + code + ")") + ": try again later";
    }
}

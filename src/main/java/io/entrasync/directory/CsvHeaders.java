package io.entrasync.directory;

import io.entrasync.problem.InvalidInputException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The import's column names and the names Excel users write for them in English, German, French and Italian. A
 * header is matched by its {@linkplain #normalize normal form}: lower case, accents dropped, spaces, dashes,
 * underscores and dots removed, so {@code E-Mail}, {@code e_mail}, {@code Prénom} and {@code PRENOM} all match.
 * The table is the README's ("CSV import", accepted headers); keep both in step.
 */
final class CsvHeaders {

    /** Our column → the other names accepted for it (the column's own name is always accepted). */
    static final Map<String, List<String>> ALIASES = aliases();

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_.\\u00A0]+");
    private static final Map<String, String> BY_NORMAL_FORM = byNormalForm();

    private CsvHeaders() {
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("site", List.of("Standort", "Niederlassung", "Établissement", "Sede"));
        aliases.put("firstName", List.of("Vorname", "Prénom", "Nome"));
        aliases.put("lastName", List.of("Surname", "Nachname", "Familienname", "Nom", "Nom de famille", "Cognome"));
        aliases.put("email", List.of("E-Mail", "Mail", "E-Mail-Adresse", "Email address", "Adresse e-mail", "Courriel",
                "Adresse électronique", "Indirizzo email", "Posta elettronica"));
        aliases.put("phone", List.of("Tel", "Telefon", "Telefonnummer", "Téléphone", "Telefono"));
        aliases.put("mobilePhone", List.of("Mobile", "Mobil", "Mobiltelefon", "Handy", "Portable",
                "Téléphone portable", "Téléphone mobile", "Cellulare", "Telefono cellulare"));
        aliases.put("department", List.of("Abteilung", "Service", "Département", "Reparto", "Dipartimento"));
        aliases.put("jobTitle", List.of("Position", "Stellenbezeichnung", "Funktion", "Fonction", "Poste", "Mansione",
                "Ruolo"));
        aliases.put("mainSiteUser", List.of("Hauptbenutzer", "Utilisateur principal", "Utente principale"));
        return aliases;
    }

    private static Map<String, String> byNormalForm() {
        Map<String, String> table = new HashMap<>();
        ALIASES.forEach((column, names) -> {
            register(table, column, column);
            names.forEach(name -> register(table, name, column));
        });
        return table;
    }

    private static void register(Map<String, String> table, String name, String column) {
        String previous = table.put(normalize(name), column);
        if (previous != null && !previous.equals(column)) {
            throw new IllegalStateException("header '" + name + "' would mean both " + previous + " and " + column);
        }
    }

    /** {@code "Adresse e-mail"} → {@code "adresseemail"}, {@code "Prénom"} → {@code "prenom"}. */
    static String normalize(String header) {
        String decomposed = Normalizer.normalize(header.strip(), Normalizer.Form.NFD);
        return SEPARATORS.matcher(ACCENTS.matcher(decomposed).replaceAll("")).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * Our column names → the header as written.
     *
     * @throws InvalidInputException (field {@code header}, message starting "line 1:") for an empty header, an unknown
     *                               name, two headers meaning one column, or a missing {@code site} or {@code email}
     */
    static Map<String, String> resolve(List<String> header) {
        if (header.isEmpty()) {
            throw new InvalidInputException("header", "line 1: the CSV has no header; expected " + ALIASES.keySet());
        }
        Map<String, String> columns = new HashMap<>();
        for (String written : header) {
            String column = BY_NORMAL_FORM.get(normalize(written));
            if (column == null) {
                throw new InvalidInputException("header", "line 1: unknown column '" + written + "'; expected columns "
                        + String.join(",", ALIASES.keySet()) + " (any case) or their German, French or Italian "
                        + "names (README, CSV import: accepted headers)");
            }
            String earlier = columns.put(column, written);
            if (earlier != null) {
                throw new InvalidInputException("header", "line 1: columns '" + earlier + "' and '" + written
                        + "' both mean " + column + "; keep one of them");
            }
        }
        for (String required : List.of("site", "email")) {
            if (!columns.containsKey(required)) {
                throw new InvalidInputException("header", "line 1: required column '" + required + "' is missing "
                        + "(also accepted as: " + String.join(", ", ALIASES.get(required)) + ")");
            }
        }
        return columns;
    }
}

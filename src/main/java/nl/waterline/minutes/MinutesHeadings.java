package nl.waterline.minutes;

/** The fixed words of the minutes in the session's language; the minutes follow the session, not the reader's browser. */
public final class MinutesHeadings {

    private MinutesHeadings() {
    }

    public static Minutes.Headings of(String language) {
        if ("en".equals(language)) {
            return new Minutes.Headings("Session minutes", "Date", "Template", "Series", "Attendance", "participants",
                    "Stakeholder group", "Role", "Number", "Missing perspectives", "Word cloud", "Term", "Most", "Least",
                    "Divergence", "own word", "Subgroups", "Subgroup", "Composition", "Clarifying questions",
                    "Parked for the discussion", "Discussion of differences", "Differences", "Similarities",
                    "Harvest per perspective", "What did we hear from the other perspectives?",
                    "How do we want to continue?", "Issues", "Perspective", "Quotes", "above the waterline",
                    "below the waterline", "(none)");
        }
        return new Minutes.Headings("Verslag van de bijeenkomst", "Datum", "Sjabloon", "Traject", "Aanwezigen", "deelnemers",
                "Stakeholdergroep", "Rol", "Aantal", "Ontbrekende perspectieven", "Wordcloud", "Begrip", "Meest", "Minst",
                "Verschil", "eigen woord", "Subgroepen", "Subgroep", "Samenstelling", "Verhelderende vragen",
                "Geparkeerd voor de discussie", "Discussie over verschillen", "Verschillen", "Overeenkomsten",
                "Oogst per perspectief", "Wat hebben we gehoord van de andere perspectieven?", "Hoe willen we verder?",
                "Issues", "Perspectief", "Citaten", "boven de waterlijn", "onder de waterlijn", "(geen)");
    }

    /** "Het perspectief van Cliënten/werkzoekenden ontbrak." — said plainly, as the report did. */
    public static String missingSentence(String language, java.util.List<String> groups) {
        if (groups.isEmpty()) {
            return null;
        }
        String and = "en".equals(language) ? " and " : " en ";
        String list = groups.size() == 1 ? groups.get(0)
                : String.join(", ", groups.subList(0, groups.size() - 1)) + and + groups.get(groups.size() - 1);
        if ("en".equals(language)) {
            return groups.size() == 1 ? "The perspective of " + list + " was missing."
                    : "The perspectives of " + list + " were missing.";
        }
        return groups.size() == 1 ? "Het perspectief van " + list + " ontbrak." : "De perspectieven van " + list + " ontbraken.";
    }

    /** Stands in for a role that has too few people to be named without naming them. */
    public static String mergedRoles(String language) {
        return "en".equals(language) ? "(roles combined)" : "(rollen samengevoegd)";
    }

    public static String questionStatus(String language, nl.waterline.rounds.QuestionStatus status) {
        boolean en = "en".equals(language);
        return switch (status) {
            case OPEN -> en ? "open" : "open";
            case ANSWERED -> en ? "answered" : "beantwoord";
            case PARKED -> en ? "parked" : "geparkeerd";
        };
    }
}

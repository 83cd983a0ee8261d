package nl.waterline.minutes;

import java.time.LocalDate;
import java.util.List;

/**
 * The session minutes as a reader gets them: everything resolved to display text in the session's
 * language (group and role names, headings), so every export format only lays it out. The shape follows
 * chapter 3 of the report: per issue a short introduction, then per stakeholder group a table of
 * role · perspective · quotes. People appear only as stakeholder group and role, never by name.
 */
public record Minutes(
        String language,
        String title,
        LocalDate date,
        String templateTitle,
        String series,
        Headings headings,
        Attendance attendance,
        WordCloud wordCloud,
        List<SubgroupComposition> subgroups,
        List<QuestionLine> questions,
        List<QuestionLine> parked,
        List<SubgroupDiscussion> discussion,
        List<GroupHarvest> harvest,
        List<IssueSection> issues) {

    public Minutes {
        subgroups = List.copyOf(subgroups);
        questions = List.copyOf(questions);
        parked = List.copyOf(parked);
        discussion = List.copyOf(discussion);
        harvest = List.copyOf(harvest);
        issues = List.copyOf(issues);
    }

    /** Attendance in numbers, never names; {@code missingSentence} says plainly whose perspective was absent. */
    public record Attendance(int total, List<GroupCount> groups, List<String> missingGroups, String missingSentence) {
        public Attendance {
            groups = List.copyOf(groups);
            missingGroups = List.copyOf(missingGroups);
        }
    }

    public record GroupCount(String group, int count, List<RoleCount> roles) {
        public GroupCount {
            roles = List.copyOf(roles);
        }
    }

    public record RoleCount(String role, int count) {
    }

    /** Terms on which the stakeholder groups diverged most come first. */
    public record WordCloud(int participantsWithPicks, List<String> groups, List<TermLine> terms) {
        public WordCloud {
            groups = List.copyOf(groups);
            terms = List.copyOf(terms);
        }
    }

    /** {@code byGroup} follows {@link WordCloud#groups()}, one entry per group, zeros included. */
    public record TermLine(String term, boolean own, int most, int least, double divergence, List<GroupPicks> byGroup) {
        public TermLine {
            byGroup = List.copyOf(byGroup);
        }
    }

    public record GroupPicks(String group, int most, int least) {
    }

    public record SubgroupComposition(String label, List<String> members) {
        public SubgroupComposition {
            members = List.copyOf(members);
        }
    }

    /** A clarifying question, anonymous: the subgroup it was asked in and what became of it. */
    public record QuestionLine(String subgroup, String text, String status) {
    }

    public record SubgroupDiscussion(String subgroup, List<DiscussionLine> differences, List<DiscussionLine> similarities) {
        public SubgroupDiscussion {
            differences = List.copyOf(differences);
            similarities = List.copyOf(similarities);
        }
    }

    public record DiscussionLine(String text, List<String> groups) {
        public DiscussionLine {
            groups = List.copyOf(groups);
        }
    }

    public record GroupHarvest(String group, List<String> heard, List<String> continuing) {
        public GroupHarvest {
            heard = List.copyOf(heard);
            continuing = List.copyOf(continuing);
        }
    }

    public record IssueSection(String title, String introduction, List<GroupTable> groups) {
        public IssueSection {
            groups = List.copyOf(groups);
        }
    }

    /** One table of the report: for one stakeholder group, its rows of role · perspective · quotes. */
    public record GroupTable(String group, List<PerspectiveRow> rows) {
        public GroupTable {
            rows = List.copyOf(rows);
        }
    }

    /** {@code waterline} is null, or the localized "above/below the waterline" marker. */
    public record PerspectiveRow(String role, String perspective, List<String> quotes, String waterline) {
        public PerspectiveRow {
            quotes = List.copyOf(quotes);
        }
    }

    /** Every heading and fixed phrase, in the session's language. */
    public record Headings(String minutes, String date, String template, String series, String attendance,
                           String participants, String group, String role, String count, String missing,
                           String wordCloud, String term, String most, String least, String divergence,
                           String ownWord, String subgroups, String subgroup, String composition,
                           String questions, String parked, String discussion, String differences,
                           String similarities, String harvest, String heard, String continuing, String issues,
                           String perspective, String quotes, String aboveWaterline, String belowWaterline,
                           String none) {
    }
}

package nl.waterline.minutes;

import nl.waterline.notes.Issue;
import nl.waterline.notes.Note;
import nl.waterline.notes.NoteKind;
import nl.waterline.notes.Perspective;
import nl.waterline.session.Session;
import nl.waterline.template.StakeholderGroup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A series (traject) across its sessions, as the report did for its four meetings: how many took part
 * in each ("12, 18, 16 en 8 deelnemers"), and per issue what each stakeholder group brought in, in
 * which session. Issues with the same title in different sessions are read as the same issue.
 */
public record SeriesReport(String series, String language, String attendanceSentence, List<SessionLine> sessions,
                           List<IssueAcrossSessions> issues) {

    public record SessionLine(String code, String title, LocalDate date, int participants) {
    }

    public record IssueAcrossSessions(String title, List<GroupAcrossSessions> groups) {
    }

    public record GroupAcrossSessions(String group, List<Contribution> contributions) {
    }

    /** One perspective of a group in one session, with its quotes: never a person's name. */
    public record Contribution(String session, String role, String perspective, List<String> quotes) {
    }

    public static SeriesReport of(String series, List<Session> sessions) {
        List<Session> ordered = sessions.stream().sorted(Comparator.comparing(Session::createdAt)).toList();
        String language = ordered.isEmpty() ? "nl" : ordered.get(0).language();
        List<SessionLine> lines = ordered.stream()
                .map(s -> new SessionLine(s.joinCode(), s.title(), s.createdAt().atZone(MinutesBuilder.ZONE).toLocalDate(),
                        s.participants().size()))
                .toList();
        Map<String, Map<String, List<Contribution>>> byIssue = new LinkedHashMap<>();
        Map<String, String> issueTitles = new LinkedHashMap<>();
        for (Session s : ordered) {
            Map<String, Integer> presentPerRole = new HashMap<>();
            s.participants().forEach(p -> presentPerRole.merge(p.group() + "/" + p.role(), 1, Integer::sum));
            // The same privacy rule as the session's own minutes: a role of one or two is not named.
            java.util.function.BiFunction<StakeholderGroup, String, String> role = (g, roleId) ->
                    roleId != null && s.mergeSmallRoles() && presentPerRole.getOrDefault(g.id() + "/" + roleId, 0) < 3
                            ? MinutesHeadings.mergedRoles(language) : roleName(g, roleId, language);
            Map<String, Note> notes = new HashMap<>();
            s.notes().forEach(n -> notes.put(n.id(), n));
            for (Issue issue : s.issues()) {
                String key = issue.title().strip().toLowerCase(Locale.ROOT);
                issueTitles.putIfAbsent(key, issue.title());
                Map<String, List<Contribution>> groups = byIssue.computeIfAbsent(key, k -> new LinkedHashMap<>());
                for (StakeholderGroup g : s.template().groups()) {
                    String groupName = g.name().in(language);
                    for (Perspective p : s.perspectives()) {
                        if (p.issue().equals(issue.id()) && p.group().equals(g.id())) {
                            groups.computeIfAbsent(groupName, k -> new ArrayList<>()).add(new Contribution(s.title(),
                                    role.apply(g, p.role()), p.text(),
                                    p.quotes().stream().map(notes::get).filter(Objects::nonNull).map(Note::text).toList()));
                        }
                    }
                    for (Note n : s.notes()) {
                        if (issue.id().equals(n.issue()) && n.group().equals(g.id()) && n.kind() == NoteKind.PERSPECTIVE) {
                            groups.computeIfAbsent(groupName, k -> new ArrayList<>())
                                    .add(new Contribution(s.title(), role.apply(g, n.role()), n.text(), List.of()));
                        }
                    }
                }
            }
        }
        List<IssueAcrossSessions> issues = new ArrayList<>();
        byIssue.forEach((key, groups) -> {
            if (!groups.isEmpty()) {
                issues.add(new IssueAcrossSessions(issueTitles.get(key), groups.entrySet().stream()
                        .map(e -> new GroupAcrossSessions(e.getKey(), e.getValue())).toList()));
            }
        });
        return new SeriesReport(series, language, attendanceSentence(language, lines), lines, issues);
    }

    private static String roleName(StakeholderGroup g, String roleId, String language) {
        return roleId == null ? "—" : g.role(roleId).map(r -> r.name().in(language)).orElse(roleId);
    }

    /** "Aan de 4 bijeenkomsten namen respectievelijk 12, 18, 16 en 8 deelnemers deel." */
    static String attendanceSentence(String language, List<SessionLine> sessions) {
        if (sessions.isEmpty()) {
            return "";
        }
        List<String> counts = sessions.stream().map(s -> Integer.toString(s.participants())).toList();
        boolean en = "en".equals(language);
        String list = counts.size() == 1 ? counts.get(0)
                : String.join(", ", counts.subList(0, counts.size() - 1)) + (en ? " and " : " en ") + counts.get(counts.size() - 1);
        if (en) {
            return counts.size() == 1 ? "The session had " + list + " participants."
                    : "The " + counts.size() + " sessions had " + list + " participants respectively.";
        }
        return counts.size() == 1 ? "Aan de bijeenkomst namen " + list + " deelnemers deel."
                : "Aan de " + counts.size() + " bijeenkomsten namen respectievelijk " + list + " deelnemers deel.";
    }
}
